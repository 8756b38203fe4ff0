// Companies House accounts documents written from facts: inline XBRL (XHTML, as filing software
// writes it) or XBRL instances. For the bundled sample, the tests and the benchmarks, which
// need documents with known facts rather than copies of real filings.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace dss::sample {

// A context: an instant, or a start and end date.
struct AccountsContext {
    std::string id;
    std::string instant;
    std::string start;
    std::string end;
};

struct AccountsFact {
    std::string concept_name;  // qualified, e.g. ns6:CurrentAssets
    std::string context;       // empty: no contextRef
    std::string content;       // XML content, written as given (escape it yourself)
    bool numeric = true;       // ix:nonFraction rather than ix:nonNumeric
    std::vector<std::pair<std::string, std::string>> attributes = {};
};

struct AccountsDocument {
    bool inline_xbrl = true;
    // Declared on the root element, after the ones every document of its kind declares.
    std::vector<std::pair<std::string, std::string>> namespaces;
    std::vector<AccountsContext> contexts;
    std::vector<AccountsFact> facts;
    // Presentational XHTML (tables of styled spans) written after the facts until the
    // document is about this long, as real filings are 10-60 KB.
    std::size_t padded_size = 0;
};

std::string render_accounts_document(const AccountsDocument& document);

// The bulk-data name of a company's document, e.g. Prod223_2798_00012345_20200331.html.
std::string accounts_document_name(int run, int company, const std::string& yyyymmdd,
                                   bool inline_xbrl);

// A small company's filing as inline XBRL: two balance sheet dates and two years, with
// figures that vary with `company`, padded to `padded_size` bytes.
AccountsDocument typical_inline_accounts(int company, std::size_t padded_size);

}  // namespace dss::sample
