// dss fetch against a publisher's site on loopback (jobs.md "Fetch"): listings read with an
// HTML parser, links resolved against the page, new files streamed into storage, and the
// faults of real sites (5xx, 404, cut connections, silence) met without partial files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <thread>

#include "support/child_process.hpp"
#include "support/publisher_site.hpp"
#include "support/s3rver.hpp"
#include "support/temporary_directory.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::string> files_in(const fs::path& folder) {
    std::vector<std::string> names;
    if (!fs::exists(folder)) return names;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

class Fetch : public ::testing::Test {
   protected:
    PublisherSite site;
    TemporaryDirectory storage;
    TemporaryDirectory config;

    // A sources file pointing every source at the test's site.
    void define_sources(const std::string& yaml) {
        config.write("sources.yml", "sources:\n" + yaml);
    }

    std::string hmrc_definition(const std::string& listing = "/downloads/index.html") const {
        return "  hmrc.exporters:\n    listing_url: " + site.url(listing) +
               "\n    link_pattern: '(.*?)/exporters(?P<date>\\d{4})\\.zip$'\n"
               "    date_format: '%y%m'\n    file_name: 'exporters{date}.zip'\n";
    }

    fs::path hmrc_folder() const { return storage.path() / "datasets/hmrc/exporters"; }

    CommandResult dss(std::vector<std::string> arguments, EnvironmentOverrides extra = {}) {
        arguments.insert(arguments.begin(), dss_binary());
        extra.insert({{"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
                      {"S3_BUCKET_URL", storage.path().string()},
                      {"DSS_FETCH_RETRY_PAUSE_MS", "10"}});
        return run_command(arguments, extra);
    }
};

TEST_F(Fetch, NewFilesLandInStorageFromRelativeRootedAndAbsoluteLinks) {
    define_sources(hmrc_definition());
    site.serve_links(
        "/downloads/index.html",
        {"exporters2001.zip", "/files/exporters2002.zip", site.url("/elsewhere/exporters2003.zip"),
         "../guide/exporters.pdf", "mailto:stats@example.com", "exporters2001.zip",
         // Only the web is fetched, whatever a page links to.
         "file:///etc/exporters2004.zip", "gopher://127.0.0.1:1/_x/exporters2005.zip"});
    site.serve("/downloads/exporters2001.zip", "january");
    site.serve("/files/exporters2002.zip", "february");
    site.serve("/elsewhere/exporters2003.zip", "march");
    auto result = dss({"fetch", "--source", "hmrc.exporters"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("hmrc.exporters: 3 published, 3 downloaded"));
    EXPECT_EQ(
        files_in(hmrc_folder()),
        (std::vector<std::string>{"exporters2001.zip", "exporters2002.zip", "exporters2003.zip"}));
    EXPECT_EQ(read_file(hmrc_folder() / "exporters2002.zip"), "february");
    // The same link twice is one file, fetched once.
    EXPECT_EQ(site.requests("/downloads/exporters2001.zip"), 1);

    // Files already stored are not fetched again.
    auto again = dss({"fetch", "--all"});
    ASSERT_EQ(again.exit_status, 0) << again.out << again.err;
    EXPECT_THAT(again.out, HasSubstr("hmrc.exporters: 3 published, 0 downloaded"));
    EXPECT_EQ(site.requests("/files/exporters2002.zip"), 1);
}

TEST_F(Fetch, LinksResolveAgainstWhereARedirectedListingLanded) {
    define_sources(hmrc_definition("/stats/downloads.html"));
    site.redirect("/stats/downloads.html", "/new/site/index.html");
    site.serve_links("/new/site/index.html", {"exporters2001.zip"});
    site.serve("/new/site/exporters2001.zip", "january");
    auto result = dss({"fetch", "--source", "hmrc.exporters"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_EQ(read_file(hmrc_folder() / "exporters2001.zip"), "january");
}

TEST_F(Fetch, AnErrorPageIsNeverStoredAsTheFile) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve_error("/downloads/exporters2001.zip", 403,
                     "<html><body>" + std::string(200'000, 'x') + "</body></html>");
    auto result = dss({"fetch", "--source", "hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("answered 403"));
    EXPECT_EQ(site.requests("/downloads/exporters2001.zip"), 1);
    EXPECT_THAT(files_in(storage.path()), IsEmpty());
}

TEST_F(Fetch, AListingWithoutAMatchingLinkIsAnError) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"/about.html", "exporters.csv"});
    auto result = dss({"fetch", "--source", "hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("error: no link on " + site.url("/downloads/index.html") +
                                      " matches (.*?)/exporters(?P<date>\\d{4})\\.zip$"));
}

TEST_F(Fetch, A500IsTriedAgainAndA404IsReportedAtOnce) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip", "exporters2002.zip"});
    site.serve("/downloads/exporters2001.zip", "january", SiteFault::failing(2));
    auto result = dss({"fetch", "--source", "hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_EQ(site.requests("/downloads/exporters2001.zip"), 3);
    EXPECT_EQ(read_file(hmrc_folder() / "exporters2001.zip"), "january");
    EXPECT_THAT(result.out, HasSubstr("downloaded exporters2001.zip"));
    EXPECT_THAT(result.out, HasSubstr("error: GET " + site.url("/downloads/exporters2002.zip") +
                                      " answered 404"));
    EXPECT_EQ(site.requests("/downloads/exporters2002.zip"), 1);
}

TEST_F(Fetch, AConnectionCutMidwayLeavesNoPartialFile) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", std::string(200'000, 'x'), SiteFault::cut(50'000));
    auto result = dss({"fetch", "--source", "hmrc.exporters"}, {{"DSS_FETCH_ATTEMPTS", "2"}});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("(tried 2 times)"));
    EXPECT_EQ(site.requests("/downloads/exporters2001.zip"), 2);
    EXPECT_THAT(files_in(storage.path()), IsEmpty());
}

TEST_F(Fetch, ASilentServerIsStoppedByTheStallTimeout) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", std::string(200'000, 'x'),
               SiteFault::stalling(1000));
    auto started = std::chrono::steady_clock::now();
    auto result = dss({"fetch", "--source", "hmrc.exporters"},
                      {{"DSS_FETCH_ATTEMPTS", "1"}, {"DSS_FETCH_STALL_TIMEOUT", "1"}});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(6));
    EXPECT_THAT(result.out, HasSubstr("error: GET " + site.url("/downloads/exporters2001.zip") +
                                      " failed: nothing arrived for 1 s"));
    EXPECT_THAT(files_in(storage.path()), IsEmpty());
}

TEST_F(Fetch, SigtermMidwayStopsTheDownloadAndLeavesNothing) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", std::string(200'000, 'x'),
               SiteFault::stalling(100'000));
    ChildProcess fetch({dss_binary(), "fetch", "--source", "hmrc.exporters"},
                       {{"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
                        {"S3_BUCKET_URL", storage.path().string()}});
    // Half the file is stored (in its temporary name) and the server has gone quiet.
    for (int i = 0; i < 500 && files_in(storage.path()).empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_FALSE(files_in(storage.path()).empty());
    auto signalled = std::chrono::steady_clock::now();
    fetch.send_signal(SIGTERM);
    EXPECT_EQ(fetch.wait_for_exit(std::chrono::seconds(10)), 1);
    EXPECT_LT(std::chrono::steady_clock::now() - signalled, std::chrono::seconds(4));
    EXPECT_THAT(fetch.standard_output(), HasSubstr("the job was asked to stop"));
    EXPECT_THAT(files_in(storage.path()), IsEmpty());  // nor a hidden partial file
}

TEST_F(Fetch, TwoRunsAtOnceStoreOneWholeFile) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    std::string content;
    for (int i = 0; i < 400'000; ++i) content += std::to_string(i) + "\n";
    site.serve("/downloads/exporters2001.zip", content);
    EnvironmentOverrides environment{{"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
                                     {"S3_BUCKET_URL", storage.path().string()}};
    ChildProcess first({dss_binary(), "fetch", "--source", "hmrc.exporters"}, environment);
    ChildProcess second({dss_binary(), "fetch", "--source", "hmrc.exporters"}, environment);
    EXPECT_EQ(first.wait_for_exit(std::chrono::seconds(30)), 0) << first.standard_output();
    EXPECT_EQ(second.wait_for_exit(std::chrono::seconds(30)), 0) << second.standard_output();
    // Each wrote its own temporary file; the one published last is as whole as the first.
    EXPECT_EQ(files_in(storage.path()), (std::vector<std::string>{"exporters2001.zip"}));
    EXPECT_EQ(read_file(hmrc_folder() / "exporters2001.zip"), content);
}

TEST_F(Fetch, AMistypedRetrySettingIsRefusedNamingTheKey) {
    define_sources(hmrc_definition());
    auto result = dss({"fetch", "--all"}, {{"DSS_FETCH_ATTEMPTS", "0"}});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("fetch.attempts"));
    result = dss({"fetch", "--all"}, {{"DSS_FETCH_STALL_TIMEOUT", "soon"}});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("fetch.stall_timeout_seconds"));
}

TEST_F(Fetch, LatestOnlyTakesTheNewestWhenADayNewer) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html",
                     {"exporters2001.zip", "exporters2003.zip", "exporters2002.zip"});
    for (const auto* month : {"2001", "2002", "2003"})
        site.serve(std::string("/downloads/exporters") + month + ".zip", month);
    storage.write("datasets/hmrc/exporters/exporters2002.zip", "stored");
    auto result = dss({"fetch", "--source", "hmrc.exporters", "--latest-only"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_EQ(files_in(hmrc_folder()),
              (std::vector<std::string>{"exporters2002.zip", "exporters2003.zip"}));
    EXPECT_EQ(site.requests("/downloads/exporters2001.zip"), 0);
    auto again = dss({"fetch", "--source", "hmrc.exporters", "--latest-only"});
    EXPECT_THAT(again.out, HasSubstr("0 downloaded"));
}

TEST_F(Fetch, OneFailingSourceDoesNotStopTheOthers) {
    define_sources(
        hmrc_definition() + "  companies_house.accounts_legacy:\n    listing_url: " +
        site.url("/accounts/missing.html") +
        "\n    link_pattern: 'Accounts_Bulk_Data-(?P<date>\\d{4}-\\d{2}-\\d{2})\\.zip$'\n"
        "    date_format: '%Y-%m-%d'\n    file_name: 'Accounts_Bulk_Data-{date}.zip'\n");
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", "january");
    // The reference's spelling, as Jenkins runs it.
    auto result = dss({"dev", "datafiles_to_s3_by_source", "--companies_house.accounts_legacy",
                       "--hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("companies_house.accounts_legacy: 0 published"));
    EXPECT_THAT(result.out, HasSubstr("answered 404"));
    EXPECT_THAT(result.out, HasSubstr("hmrc.exporters: 1 published, 1 downloaded"));
}

TEST_F(Fetch, ReleasePagesLeadToTheFileUnderTheDatesStoredName) {
    define_sources(
        "  ons.postcode_directory:\n    listing_url: " + site.url("/search") +
        "\n    link_pattern: '(.*)/datasets/ons-postcode-directory-(?P<date>[a-zA-Z]+-\\d{4})$'\n"
        "    date_format: '%B-%Y'\n    file_name: 'ONSPD_{date}_UK.zip'\n"
        "    file_date_format: '%b_%Y'\n    file_date_upper_case: true\n"
        "    download_link_pattern: '\\.zip($|\\?)'\n");
    site.serve_links("/search", {"/datasets/ons-postcode-directory-august-2020"});
    site.serve_links(
        "/datasets/ons-postcode-directory-august-2020",
        {"/about", "https://example.com/terms", "/api/download/v1/items/abc/ONSPD.zip?x=1"});
    site.serve("/api/download/v1/items/abc/ONSPD.zip", "postcodes");
    auto result = dss({"fetch", "--source", "ons.postcode_directory"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_EQ(read_file(storage.path() / "datasets/ons/postcode_directory/ONSPD_AUG_2020_UK.zip"),
              "postcodes");
}

TEST_F(Fetch, DownloadsStreamIntoS3AndACutOneLeavesNoObject) {
    S3rver s3;
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip", "exporters2002.zip"});
    site.serve("/downloads/exporters2001.zip", std::string(300'000, 'a'));
    site.serve("/downloads/exporters2002.zip", std::string(300'000, 'b'), SiteFault::cut(100'000));
    EnvironmentOverrides s3_settings{{"S3_BUCKET_URL", "s3://" + s3.bucket() + "/root"},
                                     {"S3_ENDPOINT_URL", s3.endpoint()},
                                     {"AWS_ACCESS_KEY_ID", S3rver::kAccessKey},
                                     {"AWS_SECRET_ACCESS_KEY", S3rver::kSecretKey},
                                     {"DSS_FETCH_ATTEMPTS", "1"}};
    auto result = dss({"fetch", "--source", "hmrc.exporters"}, s3_settings);
    EXPECT_EQ(result.exit_status, 1);
    auto listing = dss({"s3", "ls", "datasets/hmrc/exporters"}, s3_settings);
    EXPECT_THAT(listing.out, HasSubstr("exporters2001.zip"));
    EXPECT_THAT(listing.out, ::testing::Not(HasSubstr("exporters2002.zip")));
}

TEST_F(Fetch, ATerminalShowsEachDownloadAsItGoes) {
    define_sources(hmrc_definition());
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", std::string(3'000'000, 'x'));
    // script(1) gives dss a pseudo-terminal, as an operator's shell would.
    auto result = run_command(
        {"/usr/bin/script", "-qec", dss_binary() + " fetch --source hmrc.exporters", "/dev/null"},
        {{"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
         {"S3_BUCKET_URL", storage.path().string()}});
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("downloading exporters2001.zip: "));
    EXPECT_THAT(result.out, HasSubstr("hmrc.exporters: 1 published, 1 downloaded (3.0 MB)"));
}

TEST_F(Fetch, ASourceWithoutADefinitionIsAUsageError) {
    define_sources(hmrc_definition());
    auto result = dss({"fetch", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("no fetch definition for source 'dit.baci'"));
}

TEST_F(Fetch, AMistypedDefinitionNamesTheFileSourceAndKey) {
    define_sources("  hmrc.exporters:\n    listing_url: " + site.url("/x") +
                   "\n    link_pattern: 'exporters(\\d{4})'\n    date_format: '%y%m'\n"
                   "    file_name: 'exporters{date}.zip'\n");
    auto result = dss({"fetch", "--all"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("sources.yml: source hmrc.exporters: link_pattern needs a "
                                      "group (?P<date>...)"));
}

}  // namespace
}  // namespace dss::test
