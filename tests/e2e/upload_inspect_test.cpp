// `dss upload inspect` as a script runs it: the verify step's JSON, its errors, and its exit
// statuses, with no database to talk to.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/temporary_directory.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;

// No database is reachable at this address: inspecting must not need one.
const EnvironmentOverrides kNoDatabase = {{"DSS_DATABASE_URL", "postgresql://127.0.0.1:1/none"}};

CommandResult dss_without_database(std::vector<std::string> arguments,
                                   EnvironmentOverrides environment = {}) {
    environment.insert(kNoDatabase.begin(), kNoDatabase.end());
    return run_dss(std::move(arguments), environment);
}

nlohmann::json output_of(const CommandResult& result) {
    return nlohmann::json::parse(result.out, nullptr, false);
}

TEST(UploadInspect, AGoodFileGivesNamesTypesReasonsAndSample) {
    TemporaryDirectory directory;
    auto file = directory.write("good.csv",
                                "code,amount,when,code,,flag\n"
                                "00601,1.5,2006-11-26T16:30:00Z,1,x,true\n"
                                "00602,2,2006-11-27 10:00,2,y,FALSE\n"
                                "NULL,3,2006-11-28,3,z,\n");
    auto result = dss_without_database({"upload", "inspect", file.string()});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    auto json = output_of(result);
    ASSERT_FALSE(json.is_discarded()) << result.out;
    EXPECT_EQ(json["encoding"], "UTF-8");
    EXPECT_EQ(json["rows_inspected"], 3);
    EXPECT_EQ(json["whole_file"], true);
    ASSERT_EQ(json["columns"].size(), 5U);
    auto column = [&](std::size_t k) { return json["columns"][k]; };
    EXPECT_EQ(column(0)["name"], "code_1");
    EXPECT_EQ(column(0)["type"], "text");
    EXPECT_EQ(column(0)["reason"],
              "row 2 has '00601', a number with a leading zero, kept as text so codes keep their "
              "zeros");
    EXPECT_EQ(column(0)["sample"], nlohmann::json::array({"00601", "00602", ""}));
    EXPECT_EQ(column(1)["name"], "amount");
    EXPECT_EQ(column(1)["type"], "numeric");
    EXPECT_EQ(column(1)["reason"], "row 2 has '1.5', a decimal");
    EXPECT_EQ(column(2)["name"], "when");
    EXPECT_EQ(column(2)["type"], "timestamp");
    EXPECT_EQ(column(3)["name"], "code_2");
    EXPECT_EQ(column(3)["type"], "integer");
    EXPECT_EQ(column(3)["reason"], "every value in 3 rows is a whole number");
    EXPECT_EQ(column(4)["name"], "flag");
    EXPECT_EQ(column(4)["type"], "boolean");
    // Pretty, two spaces.
    EXPECT_THAT(result.out, HasSubstr("\n  \"columns\": ["));
}

TEST(UploadInspect, InferRowsComesFromTheOptionOrTheSettings) {
    TemporaryDirectory directory;
    auto file = directory.write("rows.csv", "n\n1\n2\n3\nx\n");
    auto limited =
        output_of(dss_without_database({"upload", "inspect", file.string(), "--infer-rows", "3"}));
    EXPECT_EQ(limited["rows_inspected"], 3);
    EXPECT_EQ(limited["whole_file"], false);
    EXPECT_EQ(limited["columns"][0]["type"], "integer");
    auto configured = output_of(dss_without_database({"upload", "inspect", file.string()},
                                                     {{"CSV_SAMPLE_INFER_LINES", "2"}}));
    EXPECT_EQ(configured["rows_inspected"], 2);
    EXPECT_EQ(
        dss_without_database({"upload", "inspect", file.string(), "--infer-rows", "0"}).exit_status,
        2);
}

TEST(UploadInspect, ACsvErrorIsJsonAndExits1) {
    TemporaryDirectory directory;
    auto file = directory.write("bad.csv", "Name,id\nx,1\n");
    auto result = dss_without_database({"upload", "inspect", file.string()});
    EXPECT_EQ(result.exit_status, 1);
    auto json = output_of(result);
    EXPECT_EQ(json["error"],
              "Unable to process CSV file: column headers must start with a letter and may only "
              "contain lowercase letters, numbers, and underscores. Invalid headers: \"Name\"");
    EXPECT_EQ(json["file"], file.string());

    auto rows = dss_without_database(
        {"upload", "inspect", directory.write("rows.csv", "a,b\n1\n").string()});
    EXPECT_EQ(rows.exit_status, 1);
    EXPECT_EQ(output_of(rows)["error"],
              "Unable to process CSV file: row 2 has a different number of data points (1) than "
              "there are column headers (2)");
}

TEST(UploadInspect, AMissingFileIsJsonAndExits1) {
    TemporaryDirectory directory;
    auto missing = (directory.path() / "nowhere" / "missing.csv").string();
    auto result = dss_without_database({"upload", "inspect", missing});
    EXPECT_EQ(result.exit_status, 1);
    auto json = output_of(result);
    EXPECT_EQ(json["error"], "no such file: " + missing);
    EXPECT_EQ(json["file"], missing);
    EXPECT_FALSE(std::filesystem::exists(directory.path() / "nowhere")) << "no folder made";
}

TEST(UploadInspect, AnotherDelimiterAndQuote) {
    TemporaryDirectory directory;
    auto file = directory.write("semi.csv", "a;b\n'1;2';x\n3;y\n");
    auto result = dss_without_database(
        {"upload", "inspect", file.string(), "--delimiter", ";", "--quote", "'"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    auto json = output_of(result);
    EXPECT_EQ(json["columns"][0]["sample"], nlohmann::json::array({"1;2", "3"}));
    EXPECT_EQ(json["columns"][1]["name"], "b");
    // With the default delimiter the same file is one column named "a;b".
    auto comma = dss_without_database({"upload", "inspect", file.string()});
    EXPECT_EQ(comma.exit_status, 1);
    EXPECT_THAT(output_of(comma)["error"].get<std::string>(),
                HasSubstr("Invalid headers: \"a;b\""));
}

TEST(UploadInspect, ABadDelimiterIsAUsageError) {
    TemporaryDirectory directory;
    auto file = directory.write("any.csv", "a\n1\n");
    auto result = dss_without_database({"upload", "inspect", file.string(), "--delimiter", "ab"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("--delimiter must be one character, got \"ab\""));
    auto same = dss_without_database({"upload", "inspect", file.string(), "--quote", ","});
    EXPECT_EQ(same.exit_status, 2);
    EXPECT_THAT(same.err, HasSubstr("--quote"));
}

}  // namespace
}  // namespace dss::test
