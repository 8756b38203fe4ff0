// Which files a listing publishes: links matched as written or resolved, dates read with the
// definition's format, names written back with it, and the date a stored name carries.
#include "fetch/published_files.hpp"

#include <gtest/gtest.h>

#include "fetch/file_dates.hpp"
#include "fetch/html_links.hpp"

namespace dss::fetch {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

FetchDefinition hmrc() {
    return {"hmrc.exporters",
            "https://www.example.gov.uk/stats/downloads.aspx",
            R"((.*?)/exporters(?P<date>\d{4})\.zip$)",
            "%y%m",
            "exporters{date}.zip",
            "%y%m",
            false,
            "",
            {}};
}

TEST(HtmlLinks, EveryAnchorHrefInPageOrderEvenInBrokenMarkup) {
    auto links = html_links(
        R"(<html><body><p>See <a href="a.zip">A</a><div><a name="x">no href</a>)"
        R"(<a href="">empty</a><table><tr><td><a href="/b.zip?x=1&amp;y=2">B</td></table>)"
        R"(<A HREF='c.zip'>C)");
    EXPECT_EQ(links, (std::vector<std::string>{"a.zip", "/b.zip?x=1&y=2", "c.zip"}));
}

TEST(PublishedFiles, LinksResolveAgainstThePageAndSortByDate) {
    auto files = published_files(
        hmrc(), hmrc().listing_url,
        {"../files/exporters2003.zip", "exporters2001.zip",
         "https://cdn.example.com/exporters2002.zip", "exporters.pdf", "javascript:void(0)"});
    ASSERT_EQ(files.size(), 3U);
    EXPECT_EQ(files[0].url, "https://www.example.gov.uk/stats/exporters2001.zip");
    EXPECT_EQ(files[0].stored_name, "exporters2001.zip");
    EXPECT_EQ(files[1].url, "https://cdn.example.com/exporters2002.zip");
    EXPECT_EQ(files[2].url, "https://www.example.gov.uk/files/exporters2003.zip");
    EXPECT_EQ(files[2].date, sys_days(2020y / 3 / 1));
}

TEST(PublishedFiles, ADateThatDoesNotReadIsAnError) {
    EXPECT_THROW(published_files(hmrc(), hmrc().listing_url, {"exporters2013.zip"}),
                 std::runtime_error);  // month 13
}

TEST(PublishedFiles, StoredNamesCarryTheirDate) {
    auto ons = hmrc();
    ons.file_name = "ONSPD_{date}_UK.zip";
    ons.file_date_format = "%b_%Y";
    ons.file_date_upper_case = true;
    EXPECT_EQ(stored_date(ons, "ONSPD_AUG_2020_UK.zip"), sys_days(2020y / 8 / 1));
    EXPECT_EQ(stored_date(ons, "ONSPD_AUG_2020_UK.csv"), std::nullopt);
    EXPECT_EQ(stored_date(hmrc(), "exporters2002.zip"), sys_days(2020y / 2 / 1));
}

TEST(FileDates, ReadWholeAndWriteBack) {
    EXPECT_EQ(parse_date("august-2020", "%B-%Y"), sys_days(2020y / 8 / 1));
    EXPECT_EQ(parse_date("2020-04-31", "%Y-%m-%d"), std::nullopt);
    EXPECT_EQ(parse_date("2020-04-01x", "%Y-%m-%d"), std::nullopt);
    EXPECT_EQ(format_date(sys_days(2020y / 8 / 1), "%b_%Y", true), "AUG_2020");
    EXPECT_EQ(format_date(sys_days(2020y / 4 / 1), "%Y-%m-%d", false), "2020-04-01");
}

}  // namespace
}  // namespace dss::fetch
