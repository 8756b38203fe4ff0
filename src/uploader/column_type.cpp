// One table of the column types: name and PostgreSQL type, in the enum's order.
#include "uploader/column_type.hpp"

namespace dss::uploader {
namespace {

struct TypeRow {
    ColumnType type;
    std::string_view name;
    std::string_view sql;
};

// integer is bigint: identifiers and counts past 2^31 are common in uploads, and inference
// only admits whole numbers that fit 64 bits.
constexpr std::array<TypeRow, 6> kTypes = {{
    {ColumnType::integer, "integer", "bigint"},
    {ColumnType::boolean, "boolean", "boolean"},
    {ColumnType::date, "date", "date"},
    {ColumnType::timestamp, "timestamp", "timestamp"},
    {ColumnType::numeric, "numeric", "numeric"},
    {ColumnType::text, "text", "text"},
}};

const TypeRow& row_of(ColumnType type) { return kTypes.at(static_cast<std::size_t>(type)); }

}  // namespace

std::string_view column_type_name(ColumnType type) { return row_of(type).name; }

std::optional<ColumnType> parse_column_type(std::string_view name) {
    for (const auto& row : kTypes) {
        if (row.name == name) return row.type;
    }
    return std::nullopt;
}

std::string_view sql_type(ColumnType type) { return row_of(type).sql; }

const std::array<ColumnType, 6>& all_column_types() {
    static constexpr std::array<ColumnType, 6> types = {ColumnType::integer, ColumnType::boolean,
                                                        ColumnType::date,    ColumnType::timestamp,
                                                        ColumnType::numeric, ColumnType::text};
    return types;
}

}  // namespace dss::uploader
