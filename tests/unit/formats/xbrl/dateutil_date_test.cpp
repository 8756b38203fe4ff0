// Companies House dates read as python-dateutil's parse(text) read them (pipelines.md 3.10).
//
// Each expected value is derived from the dateutil rule named beside it (dateutil/parser/
// _parser.py: _timelex, _parse, _parse_numeric_token, _ymd.resolve_ymd, convertyear,
// _build_naive), with dayfirst=False, yearfirst=False and default = today at midnight. Every
// value here was also confirmed by running python-dateutil 2.9.0 (whose parser code is the same
// as 2.8.2's on these paths) with `default=` the same `today`, then .strftime('%Y-%m-%d').
#include "formats/xbrl/dateutil_date.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace dss::formats::xbrl {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// A Saturday, so "March 2020" takes day 28 and two-digit years are placed around 2026.
constexpr year_month_day kParseDay{year{2026}, month{11}, day{28}};
// Day 31, which most months lack: a date without a day is clamped to its month's last day.
constexpr year_month_day kLastOfJanuary{year{2026}, month{1}, day{31}};

std::string parse(std::string_view text, year_month_day today = kParseDay) {
    return parse_dateutil_date(text, today);
}

// dateutil raises; the message must quote the text so a failed file can be traced.
void expect_rejected(std::string_view text) {
    try {
        parse(text);
        ADD_FAILURE() << "no exception for \"" << text << "\"";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("\"" + std::string(text) + "\""),
                  std::string::npos)
            << error.what();
    }
}

TEST(DateutilDate, IsoDatesAndTheirTimesAndZones) {
    // A token of more than two digits is the year; a year in first place gives year, month, day.
    EXPECT_EQ(parse("2016-07-31"), "2016-07-31");
    EXPECT_EQ(parse("2020/03/31"), "2020-03-31");
    // "T" is a jump word; HH:MM:SS sets the time; "Z", "+01:00", "-05:00" are zones: all ignored.
    EXPECT_EQ(parse("2016-07-31T10:00:00Z"), "2016-07-31");
    EXPECT_EQ(parse("2016-07-31T10:00:00+01:00"), "2016-07-31");
    EXPECT_EQ(parse("2016-07-31T23:59:59.123-05:00"), "2016-07-31");
    // An 8-digit token is YYYYMMDD.
    EXPECT_EQ(parse("20200331"), "2020-03-31");
}

TEST(DateutilDate, AmbiguousNumbersAreMonthFirst) {
    // resolve_ymd, three numbers none above 12 in first place: month, day, year.
    EXPECT_EQ(parse("03/04/2020"), "2020-03-04");
    EXPECT_EQ(parse("12/31/2020"), "2020-12-31");
}

TEST(DateutilDate, AFirstNumberAbove12IsTheDay) {
    // resolve_ymd: first number > 12 (and not > 31): day, month, year.
    EXPECT_EQ(parse("31.3.20"), "2020-03-31");  // the spec's own example
    EXPECT_EQ(parse("31/03/2020"), "2020-03-31");
    EXPECT_EQ(parse("31.03.2020"), "2020-03-31");
    EXPECT_EQ(parse("31/12/2020"), "2020-12-31");  // 31 is not > 31, so not the year
}

TEST(DateutilDate, AMonthWordFixesTheMonth) {
    // Month word plus a year (> 2 digits): the remaining number is the day; "st", "of", "," jump.
    EXPECT_EQ(parse("31 March 2020"), "2020-03-31");
    EXPECT_EQ(parse("31st March 2020"), "2020-03-31");  // "31st" splits into 31 and "st"
    EXPECT_EQ(parse("31st of March 2020"), "2020-03-31");
    EXPECT_EQ(parse("March 31, 2020"), "2020-03-31");
    EXPECT_EQ(parse("March 31st, 2020"), "2020-03-31");
    EXPECT_EQ(parse("2020 March 31"), "2020-03-31");
    EXPECT_EQ(parse("31 MARCH 2020"), "2020-03-31");  // names compare in lower case
    // "Sept" is listed beside "Sep"; "Sept." splits into "Sept" and the jump word ".".
    EXPECT_EQ(parse("Sept 30 2019"), "2019-09-30");
    EXPECT_EQ(parse("30 Sept. 2019"), "2019-09-30");
    EXPECT_EQ(parse("30-Sep-2019"), "2019-09-30");  // number, separator, month, separator
    // Month in the middle of three, first number not > 31: day, month, two-digit year.
    EXPECT_EQ(parse("31 March 20"), "2020-03-31");
}

TEST(DateutilDate, AWeekdayIsIgnoredWhenTheDayIsGiven) {
    EXPECT_EQ(parse("Tuesday, 31 March 2020"), "2020-03-31");
    EXPECT_EQ(parse("Monday, 31 March 2020"), "2020-03-31");  // even when wrong
}

TEST(DateutilDate, AWeekdayWithoutADayMovesForwardToIt) {
    // _build_naive adds relativedelta(weekday=...): that weekday on or after the built date.
    EXPECT_EQ(parse("Monday"), "2026-11-30");
    EXPECT_EQ(parse("Saturday"), "2026-11-28");
    EXPECT_EQ(parse("Monday March 2020"), "2020-03-30");  // from Saturday 2020-03-28
}

TEST(DateutilDate, MissingFieldsComeFromToday) {
    EXPECT_EQ(parse("March 2020"), "2020-03-28");
    EXPECT_EQ(parse("Mar-2020"), "2020-03-28");
    EXPECT_EQ(parse("2020-03"), "2020-03-28");  // two numbers, first > 31: year, month
    EXPECT_EQ(parse("2020"), "2020-11-28");     // one number > 31: the year
    EXPECT_EQ(parse("15"), "2026-11-15");       // one number <= 31: the day
    EXPECT_EQ(parse("10:30"), "2026-11-28");    // a time alone
}

TEST(DateutilDate, ADefaultDayPastTheMonthsEndIsClamped) {
    EXPECT_EQ(parse("Feb 2021", kLastOfJanuary), "2021-02-28");
    EXPECT_EQ(parse("February 2024", kLastOfJanuary), "2024-02-29");
    EXPECT_EQ(parse("June", kLastOfJanuary), "2026-06-30");
}

TEST(DateutilDate, TwoDigitYearsLandWithinFiftyYearsOfToday) {
    // convertyear: 20YY, less 100 if that is >= 2026 + 50.
    EXPECT_EQ(parse("31.3.76"), "1976-03-31");
    EXPECT_EQ(parse("1.3.75"), "2075-01-03");
    EXPECT_EQ(parse("99"), "1999-11-28");  // 99 > 31, so a year
    // "<month> of <digits>" converts the digits as a year at once.
    EXPECT_EQ(parse("January of 21"), "2021-01-28");
}

TEST(DateutilDate, SixDigitRunsAreThreeTwoDigitNumbers) {
    EXPECT_EQ(parse("991231"), "1999-12-31");  // 99 > 31: year, month, day
    EXPECT_EQ(parse("200331"), "2031-03-20");  // 20 > 12: day, month, year, not YYMMDD
}

TEST(DateutilDate, TimesAndAmPmLeaveTheDateAlone) {
    EXPECT_EQ(parse("31 March 2020 10:30 pm"), "2020-03-31");
    EXPECT_EQ(parse("31 March 2020 at 10am"), "2020-03-31");
    EXPECT_EQ(parse("31/03/2020 00:00:00"), "2020-03-31");
}

TEST(DateutilDate, KeepsDateutilsQuirks) {
    // "31,2020" is one token with a decimal comma, 31.2020, so the year is lost.
    EXPECT_EQ(parse("March 31,2020"), "2026-03-31");
    // A 4-digit number after a full date is read as HHMM.
    EXPECT_EQ(parse("31 March 2020 2021"), "2020-03-31");
    // Three two-digit numbers, the first > 12: day, month, year.
    EXPECT_EQ(parse("20-03-31"), "2031-03-20");
}

TEST(DateutilDate, UnicodeWhitespaceSeparatesLikeASpace) {
    EXPECT_EQ(parse("31\u00a0March\u00a02020"), "2020-03-31");  // &nbsp; in inline XBRL
    EXPECT_EQ(parse("\t31 March 2020\n"), "2020-03-31");
}

TEST(DateutilDate, YearsBelow1000HaveFourDigits) {
    // A 4-digit token is a year, however small; written so that PostgreSQL reads it back.
    EXPECT_EQ(parse("0201-03-31"), "0201-03-31");
}

TEST(DateutilDate, RejectsTextWithoutADate) {
    expect_rejected("");
    expect_rejected("   ");
    expect_rejected("abc");                    // not a jump, month, weekday or number
    expect_rejected("31 Mar 2020 (audited)");  // "(" is not a jump word
    expect_rejected("pm");                     // am/pm with no hour
}

TEST(DateutilDate, RejectsImpossibleDates) {
    expect_rejected("31 February 2020");
    expect_rejected("2020-02-30");
    expect_rejected("31");          // the 31st of today's month, November
    expect_rejected("13/13/2020");  // day 13, month 13
    expect_rejected("31 March 2020 25:00");
}

TEST(DateutilDate, RejectsNumbersThatCannotBeResolved) {
    expect_rejected("1 2 3 4");  // more than three year/month/day numbers
    expect_rejected("March April 2020");
    expect_rejected("2019 2020");  // two years
}

TEST(DateutilDate, RejectsNonAsciiLettersOutsideTheSubset) {
    expect_rejected("31 M\u00e4rz 2020");  // dateutil refuses it too
}

}  // namespace
}  // namespace dss::formats::xbrl
