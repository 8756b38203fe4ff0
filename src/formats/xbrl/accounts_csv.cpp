#include "formats/xbrl/accounts_csv.hpp"

#include "formats/csv_field.hpp"

namespace dss::formats::xbrl {

void append_csv_rows(const std::vector<AccountsRow>& rows, std::string& out,
                     std::string_view line_start) {
    for (const auto& row : rows) {
        out += line_start;
        for (std::size_t column = 0; column < row.size(); ++column) {
            if (column > 0) out += ',';
            const auto& value = row[column];
            if (value && *value != "None") append_csv_quoted(out, *value);
        }
        out += '\n';
    }
}

}  // namespace dss::formats::xbrl
