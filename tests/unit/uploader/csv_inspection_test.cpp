// The verify step: every message of the contract word for word, the order of the checks, the
// names, and the type (and reason) inferred for each column.
#include "uploader/csv_inspection.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/piece_stream.hpp"
#include "uploader/csv_check_error.hpp"

namespace dss::uploader {
namespace {

using test::PieceStream;
using ::testing::ElementsAre;

constexpr std::string_view kPrefix = "Unable to process CSV file: ";

Inspection inspect(const std::string& text, InspectionOptions options = {}) {
    PieceStream stream(text, 7);
    return inspect_csv(stream, options);
}

std::string error_of(const std::string& text, InspectionOptions options = {}) {
    try {
        inspect(text, options);
    } catch (const CsvCheckError& error) {
        return error.what();
    }
    return "no error";
}

std::vector<std::string> names_of(const std::string& header) {
    std::string data;
    for (auto c : header) data += c == ',' ? ',' : '1';  // any values, as many as the names
    std::vector<std::string> names;
    for (const auto& column : inspect(header + "\n" + data + "\n").columns)
        names.push_back(column.name);
    return names;
}

// The one column of a file holding `values`, one per row, quoted: an empty value would be a
// blank line, which is no row.
InspectedColumn column_of(const std::vector<std::string>& values, std::size_t sample_rows = 4) {
    std::string text = "value\n";
    for (const auto& value : values) text += "\"" + value + "\"\n";
    InspectionOptions options;
    options.sample_rows = sample_rows;
    auto inspection = inspect(text, options);
    EXPECT_EQ(inspection.columns.size(), 1U);
    return inspection.columns.at(0);
}

TEST(CsvInspection, NoHeaders) {
    std::string message = std::string(kPrefix) +
                          "no headers found. The first line of the csv should contain the column "
                          "headers.";
    EXPECT_EQ(error_of(""), message);
    EXPECT_EQ(error_of("\xEF\xBB\xBF"), message);
    EXPECT_EQ(error_of("\n\n"), message);
    // The first line is blank: there is no header line, whatever follows.
    EXPECT_EQ(error_of("\na,b\n1,2\n"), message);
    EXPECT_EQ(error_of("\r\na,b\n1,2\n"), message);
    // Every name empty.
    EXPECT_EQ(error_of(" , \n1,2\n"), message);
}

TEST(CsvInspection, InvalidHeadersAreListedInFileOrder) {
    EXPECT_EQ(error_of("a b,C,ok,2x,A b,C\n1,2,3,4,5,6\n"),
              std::string(kPrefix) +
                  "column headers must start with a letter and may only contain lowercase "
                  "letters, numbers, and underscores. Invalid headers: \"a b\", \"C\", \"2x\", "
                  "\"A b\", \"C\"");
    EXPECT_EQ(error_of("ok,caf\xC3\xA9\n1,2\n"),
              std::string(kPrefix) +
                  "column headers must start with a letter and may only contain lowercase "
                  "letters, numbers, and underscores. Invalid headers: \"caf\xC3\xA9\"");
    // Spaces around a name are not part of it.
    EXPECT_EQ(inspect(" name ,\tother\n1,2\n").columns.at(0).name, "name");
}

TEST(CsvInspection, ReservedNames) {
    EXPECT_EQ(error_of("name,id\nx,1\n"),
              std::string(kPrefix) +
                  "\u201Cid\u201D in the uploaded file is a reserved column name. You must "
                  "rename that column in the data file.");
    EXPECT_EQ(error_of("data_source_row_id,name,datafile_created,id\n1,x,2,3\n"),
              std::string(kPrefix) +
                  "\u201Cdata_source_row_id\u201D, \u201Cdatafile_created\u201D, \u201Cid\u201D "
                  "in the uploaded file are reserved column names. You must rename those "
                  "columns in the data file.");
    // Checked on the unique names, as the reference did.
    EXPECT_THAT(names_of("id,id"), ElementsAre("id_1", "id_2"));
}

TEST(CsvInspection, NamesPostgreSqlWouldCutShortAreRefused) {
    std::string longest(63, 'a');
    EXPECT_THAT(names_of(longest + ",b"), ElementsAre(longest, "b"));
    // 64 characters, or 63 that the unique suffix makes longer.
    EXPECT_EQ(error_of("b," + longest + "z\n1,2\n"),
              std::string(kPrefix) +
                  "column headers may be at most 63 characters long. Too "
                  "long: \"" +
                  longest + "z\"");
    EXPECT_EQ(error_of(longest + "," + longest + "\n1,2\n"),
              std::string(kPrefix) +
                  "column headers may be at most 63 characters long. Too "
                  "long: \"" +
                  longest + "_1\", \"" + longest + "_2\"");
}

TEST(CsvInspection, RowsWithAnotherNumberOfFields) {
    EXPECT_EQ(error_of("a,b\n1,2\n1,2,3\n"),
              std::string(kPrefix) +
                  "row 3 has a different number of data points (3) than there are column "
                  "headers (2)");
    // Fields under an empty header count; blank lines count as rows but are no rows of data.
    EXPECT_EQ(error_of("a,,b\n1,2,3\n\n1,2\n"),
              std::string(kPrefix) +
                  "row 4 has a different number of data points (2) than there are column "
                  "headers (3)");
    // A line end inside quotes does not start a row.
    EXPECT_EQ(error_of("a,b\n\"1\n2\",3\n4\n"),
              std::string(kPrefix) +
                  "row 3 has a different number of data points (1) than there are column "
                  "headers (2)");
}

TEST(CsvInspection, NoData) {
    for (const char* text : {"a,b\n", "a,b", "a,b\n\n\r\n"})
        EXPECT_EQ(error_of(text), std::string(kPrefix) + "no data found") << text;
}

TEST(CsvInspection, ChecksRunInTheReferencesOrder) {
    // Rows are read (and their field counts checked) before the header's names are.
    EXPECT_THAT(error_of("A,b\n1\n"), ::testing::HasSubstr("row 2 has a different number"));
    // Bad names before no data, no data before reserved names.
    EXPECT_THAT(error_of("A\n"), ::testing::HasSubstr("Invalid headers: \"A\""));
    EXPECT_EQ(error_of("id\n"), std::string(kPrefix) + "no data found");
    EXPECT_THAT(error_of("id,B\n1,2\n"), ::testing::HasSubstr("Invalid headers: \"B\""));
}

TEST(CsvInspection, RepeatedNamesBecomeUnique) {
    EXPECT_THAT(names_of("hello,hello,hello,goodbye"),
                ElementsAre("hello_1", "hello_2", "hello_3", "goodbye"));
    EXPECT_THAT(names_of("hello,hello,hello_1,goodbye"),
                ElementsAre("hello_1_1", "hello_2", "hello_1_2", "goodbye"));
}

TEST(CsvInspection, ColumnsWithEmptyHeadersAreDroppedWithTheirValues) {
    auto inspection = inspect("a,, ,b\n1,x,y,2\n3,z,w,4\n");
    ASSERT_EQ(inspection.columns.size(), 2U);
    EXPECT_EQ(inspection.columns[0].name, "a");
    EXPECT_EQ(inspection.columns[0].source_index, 0U);
    EXPECT_THAT(inspection.columns[0].sample, ElementsAre("1", "3"));
    EXPECT_EQ(inspection.columns[1].name, "b");
    EXPECT_EQ(inspection.columns[1].source_index, 3U);
    EXPECT_THAT(inspection.columns[1].sample, ElementsAre("2", "4"));
}

TEST(CsvInspection, WholeNumbers) {
    auto column = column_of({"2000", "13", "", "-7", "+8"});
    EXPECT_EQ(column.type, ColumnType::integer);
    EXPECT_EQ(column.reason, "every value in 5 rows is a whole number");
    EXPECT_EQ(column_of({"1"}).reason, "every value in 1 row is a whole number");
}

TEST(CsvInspection, OneValueThatIsNoNumberMakesText) {
    auto column = column_of({"test", "-2"});
    EXPECT_EQ(column.type, ColumnType::text);
    EXPECT_EQ(column.reason, "row 2 has 'test'");
    column = column_of({"1", "2", "", "x y", "z"});
    EXPECT_EQ(column.type, ColumnType::text);
    EXPECT_EQ(column.reason, "row 5 has 'x y'");
}

TEST(CsvInspection, LeadingZerosKeepTheColumnText) {
    auto column = column_of({"12345", "", "00601"});
    EXPECT_EQ(column.type, ColumnType::text);
    EXPECT_EQ(column.reason,
              "row 4 has '00601', a number with a leading zero, kept as text so codes keep "
              "their zeros");
    EXPECT_EQ(column.sample, (std::vector<std::string>{"12345", "", "00601"}));
    EXPECT_EQ(column_of({"-012"}).type, ColumnType::text);
    EXPECT_EQ(column_of({"007.5"}).type, ColumnType::text);
    EXPECT_EQ(column_of({"0", "-0", "0.5", "-0.25"}).type, ColumnType::numeric);
    EXPECT_EQ(column_of({"0", "10", "-0"}).type, ColumnType::integer);
}

TEST(CsvInspection, Decimals) {
    auto column = column_of({"3.1", "-1"});
    EXPECT_EQ(column.type, ColumnType::numeric);
    EXPECT_EQ(column.reason, "row 2 has '3.1', a decimal");
    column = column_of({"-1", "", "3.1", ".5", "1e5", "2.5E-3", "7."});
    EXPECT_EQ(column.type, ColumnType::numeric);
    EXPECT_EQ(column.reason, "row 4 has '3.1', a decimal");
    // Past a bigint's range: numeric holds it.
    column = column_of({"1", "123456789012345678901234"});
    EXPECT_EQ(column.type, ColumnType::numeric);
    EXPECT_EQ(column.reason,
              "row 3 has '123456789012345678901234', a whole number too large for a bigint");
    EXPECT_EQ(column_of({"9223372036854775807", "-9223372036854775808"}).type, ColumnType::integer);
    for (const char* text : {".", "1e", "e5", "1.2.3", "--1", "1,000", "0x10", "inf", "NaN"})
        EXPECT_EQ(column_of({text}).type, ColumnType::text) << text;
}

TEST(CsvInspection, Booleans) {
    auto column = column_of({"true", "False", "TRUE", "", "false", "True", "FALSE"});
    EXPECT_EQ(column.type, ColumnType::boolean);
    EXPECT_EQ(column.reason, "every value in 7 rows is true or false");
    column = column_of({"true", "1"});
    EXPECT_EQ(column.type, ColumnType::text);
    EXPECT_EQ(column.reason, "row 3 has '1', a whole number, among true or false values");
    EXPECT_EQ(column_of({"yes"}).type, ColumnType::text);
    EXPECT_EQ(column_of({"tRue"}).type, ColumnType::text);
}

TEST(CsvInspection, Dates) {
    auto column = column_of({"2021-02-28", "2020-02-29", "2000-02-29"});
    EXPECT_EQ(column.type, ColumnType::date);
    EXPECT_EQ(column.reason, "every value in 3 rows is a date");
    column = column_of({"2021-02-30"});
    EXPECT_EQ(column.type, ColumnType::text);
    EXPECT_EQ(column.reason, "row 2 has '2021-02-30'");
    for (const char* text : {"1900-02-29", "2021-13-01", "2021-00-10", "2021-1-01", "0000-01-01",
                             "2021-04-31", "2021/01/01"})
        EXPECT_EQ(column_of({text}).type, ColumnType::text) << text;
    column = column_of({"2021-01-01", "5"});
    EXPECT_EQ(column.reason, "row 3 has '5', a whole number, among dates");
}

TEST(CsvInspection, Timestamps) {
    auto column = column_of({"2006-11-26T16:30:00Z", "2006-11-26 16:30", "2006-11-26T16:30:00.123",
                             "2006-11-26T16:30:00+01:00", "2006-11-26 23:59:59-0500"});
    EXPECT_EQ(column.type, ColumnType::timestamp);
    EXPECT_EQ(column.reason, "every value in 5 rows is a date and time");
    column = column_of({"2006-11-26", "2006-11-26T16:30:00Z", "2006-11-27"});
    EXPECT_EQ(column.type, ColumnType::timestamp);
    EXPECT_EQ(column.reason, "row 3 has '2006-11-26T16:30:00Z', a date and time");
    for (const char* text :
         {"2006-11-26T24:00", "2006-11-26T16:60", "2006-11-26T16", "2006-11-26T16:30:00.",
          "2006-11-26T16:30Zx", "2006-11-26T16:30+1", "2006-02-30T16:30", "2006-11-26X16:30"})
        EXPECT_EQ(column_of({text}).type, ColumnType::text) << text;
}

TEST(CsvInspection, AColumnWithoutValuesIsText) {
    auto inspection = inspect("a,b\n,1\nNULL,2\n\"\",3\n");
    EXPECT_EQ(inspection.columns[0].type, ColumnType::text);
    EXPECT_EQ(inspection.columns[0].reason, "no values in 3 rows");
    EXPECT_EQ(inspection.columns[1].type, ColumnType::integer);
}

TEST(CsvInspection, NullMarkersAreWholeValuesOnly) {
    auto column = column_of({"NULLABLE", "None", "N/A", "''", "NULL", "N/A/B", "'x'"}, 10);
    EXPECT_THAT(column.sample, ElementsAre("NULLABLE", "", "", "", "", "N/A/B", "'x'"));
    EXPECT_EQ(column.reason, "row 2 has 'NULLABLE'");
    auto integers = column_of({"1", "NULL", "None", "N/A", "''", "2"});
    EXPECT_EQ(integers.type, ColumnType::integer);
    EXPECT_THAT(integers.sample, ElementsAre("1", "", "", ""));
    // Only exact spellings.
    EXPECT_EQ(column_of({"1", "null"}).type, ColumnType::text);
}

TEST(CsvInspection, LongValuesAreCutInReasons) {
    std::string long_value = std::string(39, 'x') + "\xC3\xA9" + "yyyy";
    EXPECT_EQ(column_of({long_value}).reason,
              "row 2 has '" + std::string(39, 'x') + "\xC3\xA9\u2026'");
    EXPECT_EQ(column_of({std::string(40, 'x')}).reason, "row 2 has '" + std::string(40, 'x') + "'");
}

TEST(CsvInspection, CountsHaveThousandsSeparators) {
    std::string text = "n\n";
    for (int i = 0; i < 1000; ++i) text += "1\n";
    EXPECT_EQ(inspect(text).columns[0].reason, "every value in 1,000 rows is a whole number");
}

TEST(CsvInspection, QuotedLineEndsAndDoubledQuotesInSamples) {
    auto inspection = inspect("a,b\n\"line 1\nline 2\",\"say \"\"hi\"\"\"\n");
    EXPECT_THAT(inspection.columns[0].sample, ElementsAre("line 1\nline 2"));
    EXPECT_THAT(inspection.columns[1].sample, ElementsAre("say \"hi\""));
}

TEST(CsvInspection, OtherDelimiterAndQuote) {
    InspectionOptions options;
    options.dialect = {';', '\''};
    auto inspection = inspect("a;b\n'1;2';'it''s'\n3;x\n", options);
    ASSERT_EQ(inspection.columns.size(), 2U);
    EXPECT_THAT(inspection.columns[0].sample, ElementsAre("1;2", "3"));
    EXPECT_THAT(inspection.columns[1].sample, ElementsAre("it's", "x"));
    EXPECT_EQ(inspection.columns[0].type, ColumnType::text);
}

TEST(CsvInspection, SampleRowsAreTheFirstRows) {
    auto column = column_of({"1", "2", "3", "4", "5", "6"});
    EXPECT_THAT(column.sample, ElementsAre("1", "2", "3", "4"));
}

TEST(CsvInspection, Windows1252) {
    auto inspection = inspect(
        "name,price\ncaf\xE9,\x80"
        "5\n");
    EXPECT_EQ(inspection.encoding, "WINDOWS-1252");
    EXPECT_THAT(inspection.columns[0].sample, ElementsAre("caf\xC3\xA9"));
    EXPECT_THAT(inspection.columns[1].sample, ElementsAre("\xE2\x82\xAC"
                                                          "5"));
    EXPECT_EQ(inspect("name\ncaf\xC3\xA9\n").encoding, "UTF-8");
}

TEST(CsvInspection, BytesInNeitherEncodingCannotBeOpened) {
    EXPECT_EQ(error_of("name\ncaf\xE9\x81\n"),
              std::string(kPrefix) +
                  "the CSV file could not be opened. (Technical details: the file is not UTF-8, "
                  "and byte 0x81 at byte offset 9 is not a character in windows-1252 either)");
    // Past the probe, the reader names the row.
    InspectionOptions options;
    options.encoding_probe_bytes = 8;
    EXPECT_EQ(error_of("name\n1\n2\n\xFF\n", options),
              std::string(kPrefix) +
                  "the CSV file could not be opened. (Technical details: byte 0xFF at byte "
                  "offset 9 (row 4) is not valid UTF-8)");
    EXPECT_THAT(error_of("\xFF\xFE" + std::string("a\0\n\0", 4)),
                ::testing::HasSubstr("could not be opened. (Technical details: the file starts "
                                     "with a UTF-16 byte-order mark"));
}

TEST(CsvInspection, InferRowsLimitsWhatIsRead) {
    std::string text = "n\n1\n2\n3\nfour\n5\nbad,row\n";
    InspectionOptions options;
    options.infer_rows = 3;
    auto inspection = inspect(text, options);
    EXPECT_EQ(inspection.rows_inspected, 3U);
    EXPECT_FALSE(inspection.whole_file);
    EXPECT_EQ(inspection.columns[0].type, ColumnType::integer);
    EXPECT_EQ(inspection.columns[0].reason, "every value in 3 rows is a whole number");

    options.infer_rows = 5;
    EXPECT_FALSE(inspect(text, options).whole_file);  // the bad row is the rewrite's to find
    options.infer_rows = 6;
    EXPECT_THAT(error_of(text, options), ::testing::HasSubstr("row 7 has a different number"));

    options.infer_rows = 3;
    EXPECT_TRUE(inspect("n\n1\n2\n3\n\n", options).whole_file);
    options.infer_rows = 100;
    inspection = inspect("n\n1\n2\n3\n", options);
    EXPECT_TRUE(inspection.whole_file);
    EXPECT_EQ(inspection.rows_inspected, 3U);
}

TEST(CsvInspection, Json) {
    auto json = inspection_json(inspect("code,amount\n00601,1.5\nNULL,2\n"));
    EXPECT_EQ(json["encoding"], "UTF-8");
    EXPECT_EQ(json["rows_inspected"], 2);
    EXPECT_EQ(json["whole_file"], true);
    ASSERT_EQ(json["columns"].size(), 2U);
    EXPECT_EQ(json["columns"][0],
              (nlohmann::json{{"name", "code"},
                              {"type", "text"},
                              {"reason",
                               "row 2 has '00601', a number with a leading zero, kept as text so "
                               "codes keep their zeros"},
                              {"sample", nlohmann::json::array({"00601", ""})}}));
    EXPECT_EQ(json["columns"][1]["type"], "numeric");
    EXPECT_EQ(json["columns"][1]["reason"], "row 2 has '1.5', a decimal");
}

}  // namespace
}  // namespace dss::uploader
