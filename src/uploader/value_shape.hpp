// What one CSV value looks like to type inference: the shapes PostgreSQL reads as a bigint,
// numeric, boolean, date or timestamp, and those kept as text on purpose.
#pragma once

#include <string_view>

namespace dss::uploader {

enum class ValueShape {
    whole_number,         // -12, +7, 0: fits a bigint
    big_whole_number,     // a whole number past a bigint's range: numeric holds it
    decimal,              // 3.1, -1.0, .5, 1e5
    leading_zero_number,  // 00601, -012, 007.5: postcodes and codes, whose zeros matter
    boolean,              // true, false, and their True/TRUE, False/FALSE spellings
    date,                 // YYYY-MM-DD, a real calendar date
    timestamp,            // a date, T or a space, HH:MM[:SS[.fraction]], then Z or ±HH[:]MM
    text,
};

// `value` is not empty (empty values say nothing about a column's type).
ValueShape classify_value(std::string_view value);

// "a whole number", "a decimal", "a date and time"...: for the reasons the verify page shows.
std::string_view describe_shape(ValueShape shape);

}  // namespace dss::uploader
