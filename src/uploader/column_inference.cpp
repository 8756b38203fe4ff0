#include "uploader/column_inference.hpp"

#include <fmt/core.h>

namespace dss::uploader {
namespace {

constexpr std::size_t kShownCharacters = 40;

// The first 40 characters (not bytes: a cut must not split one), and an ellipsis if more.
std::string cut_for_reason(std::string_view value) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        bool starts_character = (static_cast<unsigned char>(value[i]) & 0xC0) != 0x80;
        if (starts_character && characters++ == kShownCharacters)
            return std::string(value.substr(0, i)) + "\u2026";
    }
    return std::string(value);
}

// What a column of `type` becomes when a value of `shape` joins it (nullopt: no value yet).
ColumnType widened(std::optional<ColumnType> type, ValueShape shape) {
    using enum ColumnType;
    switch (shape) {
        case ValueShape::whole_number:
            if (!type || type == integer) return integer;
            return type == numeric ? numeric : text;
        case ValueShape::big_whole_number:
        case ValueShape::decimal:
            return !type || type == integer || type == numeric ? numeric : text;
        case ValueShape::boolean:
            return !type || type == boolean ? boolean : text;
        case ValueShape::date:
            if (!type || type == date) return date;
            return type == timestamp ? timestamp : text;
        case ValueShape::timestamp:
            return !type || type == date || type == timestamp ? timestamp : text;
        case ValueShape::leading_zero_number:
        case ValueShape::text:
            return text;
    }
    return text;  // not reached
}

std::string_view plural_name(ColumnType type) {
    switch (type) {
        case ColumnType::integer:
            return "whole numbers";
        case ColumnType::numeric:
            return "numbers";
        case ColumnType::boolean:
            return "true or false values";
        case ColumnType::date:
            return "dates";
        case ColumnType::timestamp:
            return "dates and times";
        case ColumnType::text:
            return "text";
    }
    return "text";  // not reached
}

// The shape every value of a column of `type` has, when no value widened it.
ValueShape typical_shape(ColumnType type) {
    switch (type) {
        case ColumnType::integer:
            return ValueShape::whole_number;
        case ColumnType::numeric:
            return ValueShape::decimal;
        case ColumnType::boolean:
            return ValueShape::boolean;
        case ColumnType::date:
            return ValueShape::date;
        case ColumnType::timestamp:
            return ValueShape::timestamp;
        case ColumnType::text:
            return ValueShape::text;
    }
    return ValueShape::text;  // not reached
}

std::string rows_phrase(std::uint64_t rows) {
    return with_thousands_separators(rows) + (rows == 1 ? " row" : " rows");
}

}  // namespace

void ColumnInference::add(std::string_view value, std::uint64_t row) {
    if (type_ == ColumnType::text) return;  // nothing widens text: no need to look
    auto shape = classify_value(value);
    auto next = widened(type_, shape);
    bool explains = next == ColumnType::text || (next == ColumnType::numeric && type_ != next) ||
                    (next == ColumnType::timestamp && type_ == ColumnType::date);
    if (explains) witness_ = Witness{row, cut_for_reason(value), shape, type_};
    type_ = next;
}

std::string ColumnInference::reason(std::uint64_t rows) const {
    if (!type_) return "no values in " + rows_phrase(rows);
    if (!witness_) {
        return fmt::format("every value in {} is {}", rows_phrase(rows),
                           describe_shape(typical_shape(*type_)));
    }
    auto said = fmt::format("row {} has '{}'", witness_->row, witness_->value);
    if (witness_->shape == ValueShape::text) return said;
    said += fmt::format(", {}", describe_shape(witness_->shape));
    // A value of a type of its own among others (a date among whole numbers) says what the
    // others were, or the sentence would not say why the column is text.
    if (type_ == ColumnType::text && witness_->shape != ValueShape::leading_zero_number &&
        witness_->widened_from) {
        said += fmt::format(", among {}", plural_name(*witness_->widened_from));
    }
    return said;
}

std::string with_thousands_separators(std::uint64_t number) {
    auto digits = std::to_string(number);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace dss::uploader
