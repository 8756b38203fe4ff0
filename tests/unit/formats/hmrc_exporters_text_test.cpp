// HMRC exporter lists as CSV: records, dropped lines, quotes, goods codes and Mac Roman, whatever
// the pieces the input arrives in.
#include "formats/hmrc_exporters_text.hpp"

#include <gtest/gtest.h>

#include "support/piece_stream.hpp"

namespace dss::formats {
namespace {

std::string as_csv(const std::string& text, std::size_t piece) {
    test::PieceStream stream(text, piece);
    MacRomanDecoder decoder;
    HmrcExportersText csv(stream, decoder);
    std::string out;
    for (auto chunk = csv.next(); !chunk.empty(); chunk = csv.next()) out.append(chunk);
    EXPECT_EQ(csv.bytes_read(), text.size());
    return out;
}

TEST(HmrcExportersText, RecordsBecomeTenQuotedFieldsAndOtherLinesAreDropped) {
    std::string text =
        "month\trow\tname\n"  // a header: too few fields
        "201601\tX\tA \"B\" LTD\t1\t\t\t\t\tAA1 1AA\t111\t\t222\r\n"
        "\x0c"
        "201601 X SPACES ONLY\n"
        "201602\tX\tCAF\x83\t2\t\t\t\t\tBB1 1BB\t333";
    for (std::size_t piece : {1U, 3U, 65536U}) {
        EXPECT_EQ(
            as_csv(text, piece),
            "\"201601\",\"X\",\"A B LTD\",\"1\",\"\",\"\",\"\",\"\",\"AA1 1AA\",\"111,222\"\n"
            "\"201602\",\"X\",\"CAF\xC3\x89\",\"2\",\"\",\"\",\"\",\"\",\"BB1 1BB\",\"333\"\n")
            << piece;
    }
}

TEST(HmrcExportersText, MacRomanAsPythonDecodesIt) {
    // 0xC6 and 0xF0 are where glibc and Python's mac_roman disagree; the reference used Python.
    auto csv = as_csv("1\t2\t\xC6\xF0\xDB\t4\t5\t6\t7\t8\t9\t10", 65536);
    EXPECT_NE(csv.find("\"\u2206\uF8FF\u20AC\""), std::string::npos) << csv;
}

TEST(HmrcExportersText, NothingToLoadIsNothing) {
    EXPECT_EQ(as_csv("", 10), "");
    EXPECT_EQ(as_csv("only\ta\theader\n\n\n", 10), "");
}

}  // namespace
}  // namespace dss::formats
