// Dates in links and stored names, read and written with the C library's strptime and strftime
// in the "C" locale (English month names), as the reference's Python did.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dss::fetch {

// `text` read whole with `format` (%Y %y %m %d %B %b); a missing day is the 1st. nullopt when
// it does not read or is no date.
std::optional<std::chrono::sys_days> parse_date(std::string_view text, const std::string& format);

// `date` written with `format`, in capitals when `upper_case` (ONSPD_AUG_2020_UK.zip).
std::string format_date(std::chrono::sys_days date, const std::string& format, bool upper_case);

}  // namespace dss::fetch
