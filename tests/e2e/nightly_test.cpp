// dss nightly end to end (jobs.md): for each source, what the publisher's site offers is
// fetched into storage, loaded into the tables, and data-flow is asked to copy the result; a
// second night finds nothing to do, and one source's failure does not stop the others.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/zip_writer.hpp"
#include "support/dataflow_peer.hpp"
#include "support/ingest_fixture.hpp"
#include "support/publisher_site.hpp"
#include "support/temporary_directory.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// HMRC's zip of a zip of a tab-separated list, with `count` exporters.
std::string exporters_zip(const std::string& yymm, int count) {
    std::string list;
    for (int i = 0; i < count; ++i) {
        list += "20" + yymm + "\tX\tCOMPANY " + std::to_string(i) +
                " LTD\t1 ROAD\t\t\t\t\tAB1 2CD\t12345678\r\n";
    }
    auto inner = formats::make_zip({{"exporters" + yymm, list}});
    return formats::make_zip({{"exporters" + yymm + ".zip", inner}});
}

class Nightly : public Ingest {
   protected:
    PublisherSite site;
    TemporaryDirectory config;

    void SetUp() override {
        Ingest::SetUp();
        config.write(
            "sources.yml",
            "sources:\n  hmrc.exporters:\n    listing_url: " + site.url("/downloads/index.html") +
                "\n    link_pattern: '(.*?)/exporters(?P<date>\\d{4})\\.zip$'\n"
                "    date_format: '%y%m'\n    file_name: 'exporters{date}.zip'\n"
                "  companies_house.accounts_legacy:\n    listing_url: " +
                site.url("/accounts/index.html") +
                "\n    link_pattern: 'Accounts_Bulk_Data-(?P<date>[0-9-]{10})\\.zip$'\n"
                "    date_format: '%Y-%m-%d'\n"
                "    file_name: 'Accounts_Bulk_Data-{date}.zip'\n");
    }

    CommandResult nightly(std::vector<std::string> arguments, EnvironmentOverrides extra = {}) {
        arguments.insert(arguments.begin(), "nightly");
        extra.insert({{"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
                      {"DSS_FETCH_RETRY_PAUSE_MS", "10"}});
        return dss(arguments, extra);
    }
};

TEST_F(Nightly, FetchesLoadsAndTriggersOnceAndTheNextNightDoesNothing) {
    DataflowPeer dataflow;
    site.serve_links("/downloads/index.html", {"exporters2001.zip", "exporters2002.zip"});
    site.serve("/downloads/exporters2001.zip", exporters_zip("2001", 3));
    site.serve("/downloads/exporters2002.zip", exporters_zip("2002", 2));
    EnvironmentOverrides settings{{"DATAFLOW_BASE_URL", dataflow.url()},
                                  {"DATAFLOW_HAWK_ID", "dataflow-client"},
                                  {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"}};
    auto first = nightly({"--source", "hmrc.exporters"}, settings);
    ASSERT_EQ(first.exit_status, 0) << first.out << first.err;
    EXPECT_THAT(first.out, HasSubstr("hmrc.exporters: 2 published, 2 downloaded"));
    EXPECT_THAT(first.out, HasSubstr("hmrc.exporters: 2 processed, 0 skipped, 0 failed, 5 rows"));
    EXPECT_THAT(first.out,
                HasSubstr("data-flow DAG DSSGenericPipeline triggered for hmrc.exporters.L1"));
    // The stand-in checked the Hawk signature and echoed the body it received.
    EXPECT_THAT(first.err, HasSubstr(R"(\"data_uploader_schema_name\":\"hmrc.exporters\")"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L1")"),
              (std::vector<std::string>{"5"}));

    auto second = nightly({"--source", "hmrc.exporters"}, settings);
    ASSERT_EQ(second.exit_status, 0) << second.out << second.err;
    EXPECT_THAT(second.out, HasSubstr("2 published, 0 downloaded"));
    EXPECT_THAT(second.out, HasSubstr("0 processed, 2 skipped, 0 failed, 0 rows"));
    EXPECT_THAT(second.out, Not(HasSubstr("data-flow")));
    EXPECT_EQ(site.requests("/downloads/exporters2001.zip"), 1);
}

TEST_F(Nightly, WaitFollowsTheDataflowRunToItsEnd) {
    DataflowPeer dataflow;
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", exporters_zip("2001", 1));
    EnvironmentOverrides settings{{"DATAFLOW_BASE_URL", dataflow.url()},
                                  {"DATAFLOW_HAWK_ID", "dataflow-client"},
                                  {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"},
                                  {"DATAFLOW_POLL_INTERVAL", "1"}};
    auto result = nightly({"--source", "hmrc.exporters", "--wait"}, settings);
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    // The stand-in answers "running" to the first question about
    // .../dag_runs/2020-05-29T10:00:00, then "success": the state was asked for twice.
    EXPECT_THAT(result.out, HasSubstr("(run manual__2020-05-29T10:00:00+00:00); data-flow run "
                                      "manual__2020-05-29T10:00:00+00:00 succeeded"));
}

TEST_F(Nightly, ADataflowRunThatFailsFailsTheNightAndTheDataStays) {
    DataflowPeer dataflow;
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", exporters_zip("2001", 1));
    auto result = nightly({"--source", "hmrc.exporters", "--wait"},
                          {{"DATAFLOW_BASE_URL", dataflow.url()},
                           {"DATAFLOW_HAWK_ID", "dataflow-client"},
                           {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"},
                           {"DATAFLOW_UPLOADER_DAG_ID", "upload-fails"},
                           {"DATAFLOW_POLL_INTERVAL", "1"}});
    EXPECT_EQ(result.exit_status, 1) << result.out;
    EXPECT_THAT(result.out,
                HasSubstr("error: data-flow run manual__2020-05-29T10:00:00+00:00 failed"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L1")"),
              (std::vector<std::string>{"1"}));
}

TEST_F(Nightly, AFailedListingStillLoadsWhatIsStoredAndTheOtherSourcesRun) {
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    site.serve("/downloads/exporters2001.zip", exporters_zip("2001", 1));
    // Companies House's listing is gone (404); BACI has no fetch definition.
    add_file("dit/baci/a.csv", "t,hs6,i,j,v,q\n1995,10101,4,251,1.5,0.1\n");
    auto result = nightly({"--all"});
    EXPECT_EQ(result.exit_status, 1) << result.out;
    EXPECT_THAT(result.out,
                HasSubstr("companies_house.accounts_legacy: 0 published, 0 downloaded"));
    EXPECT_THAT(result.out, HasSubstr("/accounts/index.html answered 404"));
    EXPECT_THAT(result.out, HasSubstr("hmrc.exporters: 1 processed"));
    // A source without a fetch definition is only loaded.
    EXPECT_THAT(result.out, HasSubstr("dit.baci: 1 processed, 0 skipped, 0 failed, 1 rows"));
    // Without DATAFLOW_BASE_URL the trigger is skipped with one line.
    EXPECT_THAT(result.out, HasSubstr("data-flow trigger for hmrc.exporters.L1 skipped"));
    // One summary at the end, a line per source.
    auto summary = result.out.substr(result.out.find("\nSummary\n"));
    EXPECT_THAT(summary, HasSubstr("  companies_house.accounts_legacy: fetch failed (GET "));
    EXPECT_THAT(summary, HasSubstr("  hmrc.exporters: 1 downloaded, 1 processed, 0 failed, 1 rows "
                                   "added; data-flow trigger for hmrc.exporters.L1 skipped"));
    EXPECT_THAT(summary, HasSubstr("  dit.baci: 1 processed, 0 failed, 1 rows added\n"));
}

}  // namespace
}  // namespace dss::test
