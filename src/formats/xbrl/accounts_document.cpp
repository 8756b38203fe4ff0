#include "formats/xbrl/accounts_document.hpp"

#include <algorithm>
#include <map>
#include <new>
#include <pugixml.hpp>

#include "core/utf8.hpp"
#include "formats/xbrl/declared_encoding.hpp"
#include "formats/xbrl/fact_index.hpp"
#include "formats/xbrl/fact_values.hpp"
#include "formats/xbrl/xbrl_dates.hpp"
#include "storage/storage_path.hpp"

namespace dss::formats::xbrl {
namespace {

// No end anchor, as the reference's re.match had none.
constexpr const char* kFileNamePattern = R"(^(Prod\d+_\d+)_([^_]+)_(\d{8})\.(html|xml))";

// Comments and instructions are kept as nodes: they end an element's leading text, as in lxml.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_comments | pugi::parse_pi;

bool context_allows(const Lookup& lookup, std::string_view context_ref) {
    switch (lookup.context_rule) {
        case ContextRule::any:
            return true;
        case ContextRule::contains:
            return context_ref.find(lookup.context_text) != std::string_view::npos;
        case ContextRule::lacks:
            return context_ref.find(lookup.context_text) == std::string_view::npos;
    }
    return true;
}

// The rows of each period, in the order the periods first appear; for each column, the first
// element found for a period sets its value (even to NULL), and later ones fill it only while
// it is NULL.
class PeriodRows {
   public:
    PeriodRows(const FactIndex& index, std::chrono::year_month_day today)
        : index_(index), today_(today) {}

    void add_column(std::size_t column, const LookupColumn& lookups) {
        for (const auto& lookup : lookups.lookups) {
            for (auto element : index_.find(lookup)) {
                auto context_ref = element.attribute("contextRef");
                if (!context_ref) continue;
                if (!context_allows(lookup, context_ref.value())) continue;
                auto period = index_.period_of(context_ref.value());
                if (period.first == "None" && period.second == "None") continue;
                auto [position, added] = positions_.try_emplace(period, rows_.size());
                if (added) {
                    rows_.emplace_back();
                    rows_.back()[period_start] = period_date(period.first, context_ref.value());
                    rows_.back()[period_end] = period_date(period.second, context_ref.value());
                } else if (rows_[position->second][column]) {
                    continue;
                }
                rows_[position->second][column] = fact_value(element, lookup.type, today_);
            }
        }
    }

    std::vector<AccountsRow> take() { return std::move(rows_); }

   private:
    const FactIndex& index_;
    std::chrono::year_month_day today_;
    std::map<PeriodKey, std::size_t> positions_;
    std::vector<AccountsRow> rows_;
};

// The last element found by the first lookup that finds a non-NULL value wins, even when it
// is NULL itself.
std::optional<std::string> document_value(const FactIndex& index, const LookupColumn& column,
                                          std::chrono::year_month_day today) {
    std::optional<std::string> value;
    for (const auto& lookup : column.lookups) {
        if (value) break;
        for (auto element : index.find(lookup)) value = fact_value(element, lookup.type, today);
    }
    return value;
}

std::string taxonomy_of(const FactIndex& index) {
    std::vector<std::string_view> found;
    for (auto taxonomy : known_taxonomies()) {
        const auto& declared = index.root_namespaces();
        if (std::find(declared.begin(), declared.end(), taxonomy) != declared.end())
            found.push_back(taxonomy);
    }
    std::sort(found.begin(), found.end());
    std::string joined;
    for (auto taxonomy : found) {
        if (!joined.empty()) joined += ';';
        joined += taxonomy;
    }
    return joined;
}

void check_text(const std::optional<std::string>& value, std::string_view column) {
    if (value && !core::is_valid_utf8(*value))
        throw DocumentError(std::string(column) + " is not valid UTF-8 text");
}

}  // namespace

AccountsDocumentReader::AccountsDocumentReader(std::chrono::year_month_day today)
    : today_(today), file_name_(kFileNamePattern) {}

std::vector<AccountsRow> AccountsDocumentReader::read(std::string_view path,
                                                      std::string& content) const {
    auto name = storage::base_name(path);
    std::string run, company, date, type;
    if (!RE2::PartialMatch(name, file_name_, &run, &company, &date, &type)) {
        throw DocumentError("the name does not match " + std::string(kFileNamePattern));
    }
    auto name_date = date_of_name(date);
    auto encoding = pugi::encoding_auto;
    if (auto declared = encoding_to_convert(content)) {
        content = converted_to_utf8(content, *declared);
        encoding = pugi::encoding_utf8;  // the declaration still names the old one
    }
    pugi::xml_document document;
    auto parsed =
        document.load_buffer_inplace(content.data(), content.size(), kParseOptions, encoding);
    if (parsed.status == pugi::status_out_of_memory) throw std::bad_alloc();
    if (!parsed) {
        throw DocumentError("not well-formed XML at byte " + std::to_string(parsed.offset) + ": " +
                            parsed.description());
    }
    const FactIndex index(document);
    PeriodRows periods(index, today_);
    const auto period_columns = period_value_columns();
    const auto first_period_column = first_document_value + document_value_columns().size();
    for (std::size_t i = 0; i < period_columns.size(); ++i)
        periods.add_column(first_period_column + i, period_columns[i]);
    auto rows = periods.take();
    if (rows.empty()) rows.emplace_back();

    AccountsRow shared;
    shared[run_code] = run;
    shared[company_id] = company;
    shared[AccountsColumn::date] = name_date;
    shared[file_type] = type;
    shared[taxonomy] = taxonomy_of(index);
    const auto document_columns = document_value_columns();
    for (std::size_t i = 0; i < document_columns.size(); ++i)
        shared[first_document_value + i] = document_value(index, document_columns[i], today_);
    const auto& names = accounts_column_names();
    for (std::size_t column = 0; column < kAccountsColumnCount; ++column) {
        if (column == period_start || column == period_end || column >= first_period_column)
            continue;
        check_text(shared[column], names[column]);
        for (auto& row : rows) row[column] = shared[column];
    }
    return rows;
}

}  // namespace dss::formats::xbrl
