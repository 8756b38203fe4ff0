// Dates an accounts document gives as text that goes to PostgreSQL unchanged in the reference:
// the periods of its contexts and the date in its name. They are checked here, so that one bad
// date skips its document instead of failing the COPY of a whole zip.
#pragma once

#include <string>
#include <string_view>

namespace dss::formats::xbrl {

// A date PostgreSQL stores: a real calendar date from year 1 on.
bool is_calendar_date(int year, unsigned month, unsigned day);

// The YYYYMMDD of a document's name as YYYY-MM-DD; throws DocumentError when it is no date.
std::string date_of_name(std::string_view yyyymmdd);

// A period's date as written (xs:date or xs:dateTime, perhaps with spaces around) as
// YYYY-MM-DD; throws DocumentError naming the context otherwise.
std::string period_date(std::string_view raw, std::string_view context_ref);

}  // namespace dss::formats::xbrl
