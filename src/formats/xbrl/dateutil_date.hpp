// Dates read the way python-dateutil 2.8.2's `dateutil.parser.parse(text)` read them (default
// arguments) and then printed with `.strftime('%Y-%m-%d')` under the pinned Python 3.9 on Linux.
// Companies House balance-sheet and period dates go through this, so that rows equal the
// reference's (pipelines.md 3.10, "date").
//
// The whole of dateutil's default parser is followed: its tokenizer, jump words, weekday and
// month names, the year/month/day resolution, YYYYMMDD / YYMMDD runs, times with am/pm, "h/m/s"
// units and time zones (which are checked, then ignored for the date), two-digit years within 50
// years of today's year, and the quirks that come with all this ("200331" is 20 March 2031,
// "March 31,2020" is 31 March of today's year, a trailing "2021" after a full date is 20:21).
//
// Outside the subset, on purpose: text containing a non-ASCII character other than Unicode
// whitespace (such as U+00A0). dateutil refuses nearly all of these too, but would read
// non-ASCII decimal digits as numbers; here they all throw.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace dss::formats::xbrl {

// The date dateutil.parser.parse(text) gives, as YYYY-MM-DD; fields the text lacks come from
// `today` (a day past the month's end is clamped to its last day, as dateutil >= 2.7 does), and
// `today`'s year is also the year two-digit years are placed around. A weekday name with no day
// moves forward to that weekday, as dateutil does.
//
// The year always has four digits: a year below 1000 (only possible when written with three or
// more digits, e.g. "0201-03-31") gives "0201-03-31", which PostgreSQL reads as that date. The
// reference's Python printed "201-03-31", which PostgreSQL does not read as one.
//
// Throws std::invalid_argument, whose what() quotes the text, where dateutil would raise (no date
// in the text, an unknown word, an impossible date, more than three date numbers, ...) and where
// the text is outside the supported subset (see above).
std::string parse_dateutil_date(std::string_view text, std::chrono::year_month_day today);

}  // namespace dss::formats::xbrl
