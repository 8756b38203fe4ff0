// How a data file separates and quotes its fields: chosen per data file by the staff who
// upload it (defaults `,` and `"`).
#pragma once

#include <string_view>

namespace dss::uploader {

// Both are single ASCII characters: the reader compares bytes, and UTF-8 never uses an ASCII
// byte inside a longer character, so a byte match is always a character match.
struct CsvDialect {
    char delimiter = ',';
    char quote = '"';
};

// A dialect from what a form or the command line gave; empty text keeps the default. Throws
// std::invalid_argument naming the field: `delimiter must be one character, got "ab"`; a line
// end, a NUL, a character outside ASCII, or a quote equal to the delimiter is refused too.
CsvDialect parse_dialect(std::string_view delimiter, std::string_view quote);

}  // namespace dss::uploader
