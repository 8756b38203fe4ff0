#include "formats/xbrl/xbrl_dates.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/ascii_text.hpp"
#include "formats/xbrl/document_error.hpp"

namespace dss::formats::xbrl {
namespace {

// The value of a date field known to hold only digits.
int date_field(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

// YYYY-MM-DD at the start of `text`, when it is a date.
bool starts_with_date(std::string_view text) {
    using core::all_ascii_digits;
    return text.size() >= 10 && all_ascii_digits(text.substr(0, 4)) && text[4] == '-' &&
           all_ascii_digits(text.substr(5, 2)) && text[7] == '-' &&
           all_ascii_digits(text.substr(8, 2)) &&
           is_calendar_date(date_field(text.substr(0, 4)),
                            static_cast<unsigned>(date_field(text.substr(5, 2))),
                            static_cast<unsigned>(date_field(text.substr(8, 2))));
}

}  // namespace

// PostgreSQL has no year 0 (it reads 0000 as an error, not 1 BC).
bool is_calendar_date(int year, unsigned month, unsigned day) {
    return year >= 1 &&
           std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                       std::chrono::day(day))
               .ok();
}

std::string date_of_name(std::string_view yyyymmdd) {
    auto iso = std::string(yyyymmdd.substr(0, 4)) + "-" + std::string(yyyymmdd.substr(4, 2)) + "-" +
               std::string(yyyymmdd.substr(6, 2));
    if (yyyymmdd.size() != 8 || !starts_with_date(iso))
        throw DocumentError("the date " + std::string(yyyymmdd) + " in the name is not a date");
    return iso;
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
    bool time_or_zone = rest.empty() || rest.front() == 'T' || rest.front() == 'Z' ||
                        rest.front() == '+' || rest.front() == '-';
    if (!starts_with_date(text) || !time_or_zone ||
        rest.find_first_not_of("0123456789:.TZ+-") != std::string_view::npos) {
        throw DocumentError("context '" + std::string(context_ref) + "' has a period date '" +
                            std::string(raw) + "' that is not a date");
    }
    return std::string(text.substr(0, 10));
}

}  // namespace dss::formats::xbrl
