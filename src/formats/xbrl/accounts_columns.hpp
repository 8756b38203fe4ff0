// The 37 columns of a Companies House accounts row and where each is looked up in a document
// (pipelines.md 3.10): the run, company and date from the document's name, then the values that
// hold for the whole document, then the values of each reporting period.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace dss::formats::xbrl {

// How an element's text becomes a value.
enum class ValueType { text, number, number_after_colon, date, boolean, reversed_boolean };

// Which elements a lookup finds, in document order.
enum class Match {
    element_name,    // the element's local name is the concept
    name_attribute,  // its `name` attribute ends with ":" + the concept (inline XBRL)
    either,
    // the first span inside any element that the name attribute finds (a legal name written
    // in a table)
    first_span_in_name_attribute,
};

// A lookup may also require (or forbid) some text in the element's contextRef.
enum class ContextRule { any, contains, lacks };

struct Lookup {
    Match match;
    std::string_view concept_name;
    ValueType type;
    ContextRule context_rule = ContextRule::any;
    std::string_view context_text = {};
};

struct LookupColumn {
    std::string_view name;
    std::span<const Lookup> lookups;
};

inline constexpr std::size_t kAccountsColumnCount = 37;

// Positions of the columns that do not come from lookups.
enum AccountsColumn : std::size_t {
    run_code,
    company_id,
    date,
    file_type,
    taxonomy,
    period_start,
    period_end,
    first_document_value,  // balance_sheet_date; the document values follow in table order
};

// Names in table order (L0 after id and datafile_created).
const std::array<std::string_view, kAccountsColumnCount>& accounts_column_names();

// Columns 8-12: one value for the whole document; the last element found wins.
std::span<const LookupColumn> document_value_columns();
// Columns 13-37: a value per period; the first element found for a period wins.
std::span<const LookupColumn> period_value_columns();

// The taxonomies recorded when a document's root declares them.
std::span<const std::string_view> known_taxonomies();

}  // namespace dss::formats::xbrl
