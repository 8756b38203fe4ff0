#include "formats/xbrl/accounts_document.hpp"

#include <algorithm>
#include <map>
#include <new>
#include <pugixml.hpp>

#include "core/utf8.hpp"
#include "formats/csv_field.hpp"
#include "formats/xbrl/declared_encoding.hpp"
#include "formats/xbrl/fact_index.hpp"
#include "formats/xbrl/fact_values.hpp"

namespace dss::formats::xbrl {
namespace {

// No end anchor, as the reference's re.match had none.
constexpr const char* kFileNamePattern = R"(^(Prod\d+_\d+)_([^_]+)_(\d{8})\.(html|xml))";

// Comments and instructions are kept as nodes: they end an element's leading text, as in lxml.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_comments | pugi::parse_pi;

// PostgreSQL has no year 0 (it reads 0000 as an error, not 1 BC).
bool is_calendar_date(int year, unsigned month, unsigned day) {
    return year >= 1 &&
           std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                       std::chrono::day(day))
               .ok();
}

int digits_value(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A period's date as written (xs:date or xs:dateTime, perhaps with spaces around) as
// YYYY-MM-DD, which is what PostgreSQL would have stored from it; the reference handed the text
// to COPY, where anything else failed a whole batch.
std::string period_date(std::string_view raw, std::string_view context_ref) {
    auto text = raw;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    auto rest = text.size() > 10 ? text.substr(10) : std::string_view();
    bool shaped = text.size() >= 10 && all_digits(text.substr(0, 4)) && text[4] == '-' &&
                  all_digits(text.substr(5, 2)) && text[7] == '-' && all_digits(text.substr(8, 2));
    bool time_or_zone = rest.empty() || rest.front() == 'T' || rest.front() == 'Z' ||
                        rest.front() == '+' || rest.front() == '-';
    bool valid = shaped && time_or_zone &&
                 rest.find_first_not_of("0123456789:.TZ+-") == std::string_view::npos &&
                 is_calendar_date(digits_value(text.substr(0, 4)),
                                  static_cast<unsigned>(digits_value(text.substr(5, 2))),
                                  static_cast<unsigned>(digits_value(text.substr(8, 2))));
    if (!valid) {
        throw DocumentError("context '" + std::string(context_ref) + "' has a period date '" +
                            std::string(raw) + "' that is not a date");
    }
    return std::string(text.substr(0, 10));
}

std::string base_name(std::string_view path) {
    auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

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
    auto name = base_name(path);
    std::string run, company, date, type;
    if (!RE2::PartialMatch(name, file_name_, &run, &company, &date, &type)) {
        throw DocumentError("the name does not match " + std::string(kFileNamePattern));
    }
    if (!is_calendar_date(
            digits_value(std::string_view(date).substr(0, 4)),
            static_cast<unsigned>(digits_value(std::string_view(date).substr(4, 2))),
            static_cast<unsigned>(digits_value(std::string_view(date).substr(6, 2))))) {
        throw DocumentError("the date " + date + " in the name is not a date");
    }
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
    shared[AccountsColumn::date] =
        date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
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
