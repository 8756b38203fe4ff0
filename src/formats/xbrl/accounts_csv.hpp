// Companies House rows as CSV for COPY.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/xbrl/accounts_document.hpp"

namespace dss::formats::xbrl {

// Appends `rows` as CSV lines for COPY: NULL is an empty unquoted field, every value is quoted
// (so that the empty taxonomy stays an empty string), and the text "None" is NULL, as the
// reference's null marker made it. Each line starts with `line_start` (a file name field).
void append_csv_rows(const std::vector<AccountsRow>& rows, std::string& out,
                     std::string_view line_start = {});

}  // namespace dss::formats::xbrl
