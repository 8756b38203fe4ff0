// HMRC exporters end to end (pipelines.md 3.9 and the reference's expectations in section 5):
// a zip of zips of tab-separated Mac Roman lists, loaded as L0 text and an L1 with a timestamp,
// cleaned names and addresses, and the goods codes as an array.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/zip_writer.hpp"
#include "support/dataflow_peer.hpp"
#include "support/ingest_fixture.hpp"
#include "support/silent_server.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// One record: month, row type, name, five address lines, postcode, then the goods codes.
std::string record(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i > 0 ? "\t" : "") + fields[i];
    return line;
}

class HmrcExporters : public Ingest {
   protected:
    void add_exporters(const std::string& name,
                       const std::vector<std::pair<std::string, std::string>>& months) {
        std::vector<std::pair<std::string, std::string>> inner;
        for (const auto& [month, text] : months)
            inner.emplace_back("exporters" + month + ".zip",
                               formats::make_zip({{"exporters" + month, text}}));
        add_file("hmrc/exporters/" + name, formats::make_zip(inner));
    }
};

TEST_F(HmrcExporters, AZipOfZipsGivesTheReferenceRows) {
    add_exporters(
        "exporters.zip",
        {{"1601", record({"201601", "X", "AAA LIMITED", "01 STREET NAME", "STREET LINE", "LONDON",
                          "", "", "BB1 1BB", "12345670"}) +
                      "\r\n" +
                      record({"201601", "X", "ABC COMPANY LTD ", "1 - 3", "", "STREET AVENUE",
                              "HOUSE NAME", "CITY NAME", "AA1 1AA", "12345678", "", "23456789"}) +
                      "\r\n201601 X SPACE SEPARATED LTD 1 STREET AA1 1AA 12345678\r\n"},
         {"1602", record({"201602", "X", "BBB LIMITED", "AAA HOUSE", "\"2 STREET NAME\"", "CITY",
                          "COUNTY", "", "AA11 1AA", "98765432", "12345678"}) +
                      "\n"}});
    auto result = dss({"ingest", "--source", "hmrc.exporters"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("hmrc.exporters: 1 processed, 0 skipped, 0 failed, 3 rows"));
    EXPECT_EQ(
        rows(R"(SELECT datetime, company_name, address, postcode, export_item_codes::text
                FROM "hmrc.exporters"."L1" ORDER BY id)"),
        (std::vector<std::string>{
            "2016-01-01 00:00:00|aaa limited|01 street name street line london|BB11BB|{12345670}",
            "2016-01-01 00:00:00|abc company ltd|1 - 3  street avenue house name city name|"
            "AA11AA|{12345678,23456789}",
            "2016-02-01 00:00:00|bbb limited|aaa house 2 street name city county|AA111AA|"
            "{98765432,12345678}"}));
    // Empty values are empty strings, not NULL, as the reference loaded them.
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L0" WHERE address5 = '')"),
              (std::vector<std::string>{"2"}));
}

TEST_F(HmrcExporters, MacRomanAndEveryLineBreakPythonKnows) {
    // 0x83 is É in Mac Roman; \x0b, \x0c and \x1c-\x1e end lines as \n does.
    std::string text =
        record({"201603", "X", "CAF\x83 LTD", "1 ROAD", "", "", "", "", "ZZ1 1ZZ", "11111111"}) +
        "\x0b" +
        record({"201603", "X", "SECOND LTD", "2 ROAD", "", "", "", "", "ZZ2 2ZZ", "22222222"}) +
        "\x1e" +
        record({"201603", "X", "THIRD LTD", "3 ROAD", "", "", "", "", "ZZ3 3ZZ", "33333333"});
    add_exporters("march.zip", {{"1603", text}});
    auto result = dss({"ingest", "--source", "hmrc.exporters"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    // L0 keeps the name as decoded; lower() of É depends on the database's locale.
    EXPECT_EQ(rows(R"(SELECT company_name FROM "hmrc.exporters"."L0" ORDER BY id)"),
              (std::vector<std::string>{"CAFÉ LTD", "SECOND LTD", "THIRD LTD"}));
}

TEST_F(HmrcExporters, AnInnerMemberThatIsNeitherAZipNorTextIsAClearErrorAndNothingLoads) {
    auto good = formats::make_zip({{"exporters1601", record({"201601", "X", "AAA LIMITED", "1", "",
                                                             "", "", "", "BB1 1BB", "12345670"})}});
    add_file("hmrc/exporters/broken.zip",
             formats::make_zip({{"exporters1601.zip", good},
                                {"exporters1602.zip", "PK\x03\x04 not really a zip"}}));
    auto result = dss({"ingest", "--source", "hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("exporters1602.zip"));
    EXPECT_THAT(result.out, HasSubstr("not a readable zip file"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L0")"),
              (std::vector<std::string>{"0"}));
}

TEST_F(HmrcExporters, AnEmptyOuterZipIsAClearError) {
    // A zip of no members is its end record alone (libzip will not write one).
    add_file("hmrc/exporters/empty.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    auto result = dss({"ingest", "--source", "hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("empty.zip"));
    EXPECT_THAT(result.out, HasSubstr("the zip holds no exporter lists"));
}

TEST_F(HmrcExporters, AMemberThatExpandsPastTheLimitIsRefused) {
    // 8 MB of one letter deflates to a few kilobytes.
    add_exporters("bomb.zip", {{"1601", std::string(8 << 20, 'A')}});
    auto result =
        dss({"ingest", "--source", "hmrc.exporters"}, {{"DSS_ZIP_MEMBER_LIMIT", "1048576"}});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("expands past 1048576 bytes"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L0")"),
              (std::vector<std::string>{"0"}));
}

std::string one_exporter(const std::string& month) {
    return record({month, "X", "AAA LIMITED", "1 ROAD", "", "", "", "", "BB1 1BB", "12345670"});
}

TEST_F(HmrcExporters, ARunThatAddedRowsTriggersDataflowWithAHawkSignedPost) {
    DataflowPeer dataflow;
    add_exporters("exporters.zip", {{"1601", one_exporter("201601")}});
    EnvironmentOverrides settings{{"DATAFLOW_BASE_URL", dataflow.url()},
                                  {"DATAFLOW_HAWK_ID", "dataflow-client"},
                                  {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"}};
    auto result = dss({"ingest", "--source", "hmrc.exporters"}, settings);
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out,
                HasSubstr("data-flow DAG DSSGenericPipeline triggered for hmrc.exporters.L1"));
    // What the peer received, as it echoed it back.
    EXPECT_THAT(result.err,
                HasSubstr(R"(\"url\":\"/api/experimental/dags/DSSGenericPipeline/dag_runs\")"));
    EXPECT_THAT(result.err, HasSubstr(R"(\"data_uploader_schema_name\":\"hmrc.exporters\")"));
    EXPECT_THAT(result.err, HasSubstr(R"(\"data_uploader_table_name\":\"L1\")"));

    // Nothing new: no trigger.
    auto again = dss({"ingest", "--source", "hmrc.exporters"}, settings);
    EXPECT_EQ(again.exit_status, 0);
    EXPECT_THAT(again.out, Not(HasSubstr("data-flow")));
}

TEST_F(HmrcExporters, ARefusedTriggerFailsTheRunButTheDataStays) {
    DataflowPeer dataflow;
    add_exporters("exporters.zip", {{"1601", one_exporter("201601")}});
    auto result =
        dss({"ingest", "--source", "hmrc.exporters"}, {{"DATAFLOW_BASE_URL", dataflow.url()},
                                                       {"DATAFLOW_HAWK_ID", "dataflow-client"},
                                                       {"DATAFLOW_HAWK_KEY", "not-the-key"}});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("data-flow refused the trigger: POST " + dataflow.url() +
                                      "/api/experimental/dags/DSSGenericPipeline/dag_runs "
                                      "answered 401"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L1")"),
              (std::vector<std::string>{"1"}));
}

TEST_F(HmrcExporters, ADataflowThatAnswers500FailsTheRunButTheDataStays) {
    DataflowPeer dataflow;
    add_exporters("exporters.zip", {{"1601", one_exporter("201601")}});
    auto result = dss({"ingest", "--source", "hmrc.exporters"},
                      {{"DATAFLOW_BASE_URL", dataflow.url()},
                       {"DATAFLOW_HAWK_ID", "dataflow-client"},
                       {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"},
                       {"DATAFLOW_UPLOADER_DAG_ID", "fail-500"}});
    EXPECT_EQ(result.exit_status, 1) << result.out;
    EXPECT_THAT(result.out, HasSubstr("data-flow refused the trigger: POST " + dataflow.url() +
                                      "/api/experimental/dags/fail-500/dag_runs answered 500"));
    EXPECT_THAT(result.out, HasSubstr("1 processed, 0 skipped, 0 failed, 1 rows added"));
    EXPECT_EQ(registry("exporters.zip"), "processed|");
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L1")"),
              (std::vector<std::string>{"1"}));
}

TEST_F(HmrcExporters, ADataflowThatNeverAnswersFailsTheTriggerInTimeAndTheDataStays) {
    SilentServer dataflow;
    add_exporters("exporters.zip", {{"1601", one_exporter("201601")}});
    auto started = std::chrono::steady_clock::now();
    auto result = dss({"ingest", "--source", "hmrc.exporters"},
                      {{"DATAFLOW_BASE_URL", dataflow.url("http")},
                       {"DATAFLOW_HAWK_ID", "dataflow-client"},
                       {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"},
                       {"DATAFLOW_TIMEOUT", "1"}});
    EXPECT_EQ(result.exit_status, 1) << result.out;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
    EXPECT_THAT(result.out, HasSubstr("error:"));
    EXPECT_THAT(result.out, HasSubstr(dataflow.url("http")));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "hmrc.exporters"."L1")"),
              (std::vector<std::string>{"1"}));
}

TEST_F(HmrcExporters, WithoutADataflowUrlTheTriggerIsSkippedWithOneLine) {
    add_exporters("exporters.zip", {{"1601", one_exporter("201601")}});
    auto result = dss({"ingest", "--source", "hmrc.exporters"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_THAT(result.out, HasSubstr("data-flow trigger for hmrc.exporters.L1 skipped: "
                                      "DATAFLOW_BASE_URL is empty"));
}

}  // namespace
}  // namespace dss::test
