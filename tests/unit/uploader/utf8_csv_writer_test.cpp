// Processing step 1: the UTF-8 CSV COPY loads, byte for byte; every row checked however far
// past the inspected ones; pieces, progress and stopping.
#include "uploader/utf8_csv_writer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/piece_stream.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/csv_inspection.hpp"

namespace dss::uploader {
namespace {

using test::PieceStream;

struct Rewritten {
    std::string text;
    std::vector<std::size_t> piece_sizes;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> progress;
    RewriteResult result;
};

Rewritten rewrite(
    const std::string& input, const std::vector<std::string>& names,
    const std::string& encoding = "UTF-8", CsvDialect dialect = {},
    std::function<bool()> stop = [] { return false; }) {
    PieceStream stream(input, 4096);
    Rewritten out;
    out.result = rewrite_as_utf8_csv(
        stream, encoding, dialect, names,
        [&](std::string_view piece) {
            out.text.append(piece);
            out.piece_sizes.push_back(piece.size());
        },
        [&](std::uint64_t rows, std::uint64_t bytes) { out.progress.emplace_back(rows, bytes); },
        stop);
    return out;
}

std::string error_of(const std::string& input, const std::vector<std::string>& names) {
    try {
        rewrite(input, names);
    } catch (const CsvCheckError& error) {
        return error.what();
    }
    return "no error";
}

TEST(Utf8CsvWriter, KeptColumnsQuotedWhereNeededNullsAsNothing) {
    std::string input =
        "\xEF\xBB\xBF"
        "a, ,b,c\r\n"
        "1,x,\"two, 2\",NULL\r\n"
        "\r\n"
        "\"say \"\"hi\"\"\",y,,N/A\r\n"
        "NULLABLE,z,\"line 1\nline 2\",''\r\n"
        "None,w,'',\"\"\r\n"
        "\\.,v,x\\.,\"a\rb\"";
    auto out = rewrite(input, {"a", "b", "c"});
    // Quotes only where a value needs them; COPY's end-of-data marker is always quoted.
    EXPECT_EQ(out.text,
              "a,b,c\n"
              "1,\"two, 2\",\n"
              "\"say \"\"hi\"\"\",,\n"
              "NULLABLE,\"line 1\nline 2\",\n"
              ",,\n"
              "\"\\.\",x\\.,\"a\rb\"\n");
    EXPECT_EQ(out.result.rows, 5U);
    EXPECT_EQ(out.result.bytes_read, input.size());
    EXPECT_EQ(out.progress.back(), std::make_pair(std::uint64_t{5}, std::uint64_t{input.size()}));
}

TEST(Utf8CsvWriter, TheInspectionsUniqueNamesAndAnotherDialect) {
    std::string input = "hello;hello;x\n'a;b';'it''s';\"q\"\n";
    CsvDialect dialect{';', '\''};
    PieceStream stream(input, 3);
    InspectionOptions options;
    options.dialect = dialect;
    std::vector<std::string> names;
    for (const auto& column : inspect_csv(stream, options).columns) names.push_back(column.name);
    auto out = rewrite(input, names, "UTF-8", dialect);
    EXPECT_EQ(out.text, "hello_1,hello_2,x\na;b,it's,\"\"\"q\"\"\"\n");
}

TEST(Utf8CsvWriter, Windows1252BecomesUtf8) {
    EXPECT_EQ(rewrite("name\ncaf\xE9 \x80\n", {"name"}, "WINDOWS-1252").text,
              "name\ncaf\xC3\xA9 \xE2\x82\xAC\n");
}

TEST(Utf8CsvWriter, HeaderOnly) {
    auto out = rewrite("a,b\n", {"a", "b"});
    EXPECT_EQ(out.text, "a,b\n");
    EXPECT_EQ(out.result.rows, 0U);
}

TEST(Utf8CsvWriter, ABadRowFarPastTheInspectedOnesFailsTheFile) {
    std::string input = "a,b\n";
    for (int i = 0; i < 100000; ++i) input += std::to_string(i) + ",x\n";
    auto good = input;
    input += "1,2,3\n";

    PieceStream stream(input, 65536);
    InspectionOptions options;
    options.infer_rows = 100;
    EXPECT_FALSE(inspect_csv(stream, options).whole_file);

    EXPECT_EQ(error_of(input, {"a", "b"}),
              "Unable to process CSV file: row 100002 has a different number of data points (3) "
              "than there are column headers (2)");
    EXPECT_THAT(error_of(good + "\xFF\n", {"a", "b"}),
                ::testing::HasSubstr("could not be opened. (Technical details: byte 0xFF at "
                                     "byte offset " +
                                     std::to_string(good.size()) + " (row 100002)"));
}

TEST(Utf8CsvWriter, WritesAndReportsInPiecesOfAbout64KiB) {
    std::string input = "a,b\n";
    for (int i = 0; i < 100000; ++i) input += std::to_string(i) + ",x\n";
    auto out = rewrite(input, {"a", "b"});
    EXPECT_EQ(out.result.rows, 100000U);
    EXPECT_GT(out.piece_sizes.size(), 10U);
    for (auto size : out.piece_sizes) EXPECT_LT(size, 65536U + 100U);
    EXPECT_THAT(out.text, ::testing::StartsWith("a,b\n0,x\n1,x\n"));
    EXPECT_THAT(out.text, ::testing::EndsWith("99999,x\n"));
    // Progress about every 64 KiB of input (its reads are 64 KiB), and once at the end.
    EXPECT_GE(out.progress.size(), input.size() / 65536);
    EXPECT_LE(out.progress.size(), input.size() / 65536 + 3);
    for (std::size_t i = 1; i < out.progress.size(); ++i) {
        EXPECT_GE(out.progress[i].first, out.progress[i - 1].first);
        EXPECT_GT(out.progress[i].second, out.progress[i - 1].second);
    }
}

TEST(Utf8CsvWriter, StopsWhenAsked) {
    std::string input = "a\n";
    for (int i = 0; i < 100000; ++i) input += "1\n";
    int asked = 0;
    try {
        rewrite(input, {"a"}, "UTF-8", {}, [&] { return ++asked == 2; });
        FAIL() << "not stopped";
    } catch (const std::runtime_error& error) {
        EXPECT_STREQ(error.what(), "stopped");
    }
}

TEST(Utf8CsvWriter, NamesThatDoNotFitTheFileAreRefused) {
    EXPECT_THROW(rewrite("a,b\n1,2\n", {"a"}), std::invalid_argument);
    EXPECT_THROW(rewrite("", {"a"}), CsvCheckError);
}

}  // namespace
}  // namespace dss::uploader
