#include "fetch/file_dates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

namespace dss::fetch {

std::optional<std::chrono::sys_days> parse_date(std::string_view text, const std::string& format) {
    const std::string terminated(text);
    std::tm fields{};
    fields.tm_mday = 1;
    const char* end = ::strptime(terminated.c_str(), format.c_str(), &fields);
    if (end == nullptr || *end != '\0') return std::nullopt;
    const std::chrono::year_month_day date{
        std::chrono::year(fields.tm_year + 1900),
        std::chrono::month(static_cast<unsigned>(fields.tm_mon + 1)),
        std::chrono::day(static_cast<unsigned>(fields.tm_mday))};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date);
}

std::string format_date(std::chrono::sys_days date, const std::string& format, bool upper_case) {
    const std::chrono::year_month_day parts(date);
    std::tm fields{};
    fields.tm_year = static_cast<int>(parts.year()) - 1900;
    fields.tm_mon = static_cast<int>(static_cast<unsigned>(parts.month())) - 1;
    fields.tm_mday = static_cast<int>(static_cast<unsigned>(parts.day()));
    std::array<char, 128> buffer{};
    auto length = std::strftime(buffer.data(), buffer.size(), format.c_str(), &fields);
    std::string text(buffer.data(), length);
    if (upper_case) {
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    return text;
}

}  // namespace dss::fetch
