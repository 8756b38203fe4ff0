// One Companies House accounts document (XBRL .xml or inline XBRL .html) as rows of the 37
// accounts columns (pipelines.md 3.10): one row per reporting period found, in the order the
// periods first appear, each with the values that hold for the whole document; one row with
// no period when none is found. The results equal the reference's on well-formed documents.
#pragma once

#include <re2/re2.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/xbrl/accounts_columns.hpp"
#include "formats/xbrl/document_error.hpp"

namespace dss::formats::xbrl {

// nullopt is NULL.
using AccountsRow = std::array<std::optional<std::string>, kAccountsColumnCount>;

class AccountsDocumentReader {
   public:
    // Dates that lack a year or month take them from `today`, as dateutil did.
    explicit AccountsDocumentReader(std::chrono::year_month_day today);

    // `path` is the member's path in the zip; its base name gives the run, company, date and
    // type. `content` is parsed in place (and so changed). Throws DocumentError with the reason
    // when the document cannot give rows. Safe to call from several threads at once.
    std::vector<AccountsRow> read(std::string_view path, std::string& content) const;

   private:
    std::chrono::year_month_day today_;
    RE2 file_name_;
};

}  // namespace dss::formats::xbrl
