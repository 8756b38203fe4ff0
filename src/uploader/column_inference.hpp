// The type of one CSV column from its values, and why, in a sentence for the verify page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "uploader/column_type.hpp"
#include "uploader/value_shape.hpp"

namespace dss::uploader {

class ColumnInference {
   public:
    // `value` (not empty, null markers already blanked) sits in record `row` (the header is 1).
    void add(std::string_view value, std::uint64_t row);

    // integer if every value is a whole number; numeric if every one is a number; boolean,
    // date, or timestamp (dates and timestamps mixed); else, or with no value at all, text.
    ColumnType type() const { return type_.value_or(ColumnType::text); }

    // e.g. "every value in 1,000 rows is a whole number", "row 7 has '3.1', a decimal",
    // "row 901 has 'text'"; `rows` is how many data rows were inspected.
    std::string reason(std::uint64_t rows) const;

   private:
    // The value that moved the column to a wider type: integer to numeric, date to timestamp,
    // anything to text.
    struct Witness {
        std::uint64_t row = 0;
        std::string value;  // cut for the page
        ValueShape shape = ValueShape::text;
        std::optional<ColumnType> widened_from;
    };

    std::optional<ColumnType> type_;  // nullopt until a value comes
    std::optional<Witness> witness_;
};

// "1,000": counts on the verify page.
std::string with_thousands_separators(std::uint64_t number);

}  // namespace dss::uploader
