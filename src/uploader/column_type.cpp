#include "uploader/column_type.hpp"

namespace dss::uploader {

std::string_view column_type_name(ColumnType type) {
    switch (type) {
        case ColumnType::integer:
            return "integer";
        case ColumnType::boolean:
            return "boolean";
        case ColumnType::date:
            return "date";
        case ColumnType::timestamp:
            return "timestamp";
        case ColumnType::numeric:
            return "numeric";
        case ColumnType::text:
            return "text";
    }
    return "text";  // not reached: every enumerator is handled above
}

std::optional<ColumnType> parse_column_type(std::string_view name) {
    for (auto type : all_column_types()) {
        if (column_type_name(type) == name) return type;
    }
    return std::nullopt;
}

std::string_view sql_type(ColumnType type) {
    switch (type) {
        case ColumnType::integer:
            // bigint, not integer: identifiers and counts past 2^31 are common in uploads and
            // inference only admits whole numbers that fit 64 bits.
            return "bigint";
        case ColumnType::boolean:
            return "boolean";
        case ColumnType::date:
            return "date";
        case ColumnType::timestamp:
            return "timestamp";
        case ColumnType::numeric:
            return "numeric";
        case ColumnType::text:
            return "text";
    }
    return "text";  // not reached
}

const std::array<ColumnType, 6>& all_column_types() {
    static constexpr std::array<ColumnType, 6> types = {ColumnType::integer, ColumnType::boolean,
                                                        ColumnType::date,    ColumnType::timestamp,
                                                        ColumnType::numeric, ColumnType::text};
    return types;
}

}  // namespace dss::uploader
