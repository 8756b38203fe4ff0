// CsvText: byte-order marks and blank lines at the end, whatever the chunks a stream returns.
#include "formats/csv_text.hpp"

#include <gtest/gtest.h>

#include "support/piece_stream.hpp"

namespace dss::formats {
namespace {

using test::PieceStream;

std::string through(const std::string& text, std::size_t piece, bool* bom = nullptr) {
    PieceStream stream(text, piece);
    CsvText csv(stream);
    std::string out;
    for (auto chunk = csv.next(); !chunk.empty(); chunk = csv.next()) out.append(chunk);
    if (bom != nullptr) *bom = csv.has_utf8_bom();
    EXPECT_EQ(csv.bytes_read(), text.size());
    return out;
}

TEST(CsvText, BlankLinesAtTheEndAreDropped) {
    for (std::size_t piece : {1U, 2U, 3U, 7U, 65536U}) {
        EXPECT_EQ(through("a,b\n1,2\n\n\r\n\n", piece), "a,b\n1,2") << piece;
        EXPECT_EQ(through("a,b\r\n1,2\r\n", piece), "a,b\r\n1,2") << piece;
        EXPECT_EQ(through("a,b\r1,2\r", piece), "a,b\r1,2") << piece;
    }
}

TEST(CsvText, BlankLinesInTheMiddleAndQuotedLineEndsStay) {
    for (std::size_t piece : {1U, 4U, 65536U}) {
        EXPECT_EQ(through("a\n\n\nb\n", piece), "a\n\n\nb") << piece;
        EXPECT_EQ(through("a\n\"x\n\n\"\n", piece), "a\n\"x\n\n\"") << piece;
    }
}

TEST(CsvText, AByteOrderMarkIsSeenEvenInOneByteReadsAndIsNotData) {
    bool bom = false;
    EXPECT_EQ(through("\xEF\xBB\xBF"
                      "a,b\n",
                      1, &bom),
              "a,b");
    EXPECT_TRUE(bom);
    EXPECT_EQ(through("a,b\n", 1, &bom), "a,b");
    EXPECT_FALSE(bom);
}

TEST(CsvText, NothingButLineEndsIsNothing) {
    EXPECT_EQ(through("\n\r\n", 1), "");
    EXPECT_EQ(through("", 1), "");
}

}  // namespace
}  // namespace dss::formats
