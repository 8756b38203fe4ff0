// Line counting for progress: every line ending the CSV sources use, across chunk boundaries.
#include "formats/line_counter.hpp"

#include <gtest/gtest.h>

namespace dss::formats {
namespace {

std::uint64_t lines_in(std::initializer_list<std::string_view> chunks) {
    LineCounter counter;
    std::uint64_t lines = 0;
    for (auto chunk : chunks) lines = counter.add(chunk);
    return lines;
}

TEST(LineCounter, CountsEveryKindOfLineEnd) {
    EXPECT_EQ(lines_in({"a\nb\nc\n"}), 3U);
    EXPECT_EQ(lines_in({"a\r\nb\r\nc\r\n"}), 3U);
    EXPECT_EQ(lines_in({"a\rb\rc\r"}), 3U);  // Comtrade's CR-only files
    EXPECT_EQ(lines_in({"a\n\nb\n"}), 3U);   // an empty line is a line
}

TEST(LineCounter, CountsALastLineWithoutAnEnd) {
    EXPECT_EQ(lines_in({"a\nb"}), 2U);
    EXPECT_EQ(lines_in({""}), 0U);
    EXPECT_EQ(lines_in({"a\nb", "c\n"}), 2U);
}

TEST(LineCounter, ACrLfSplitAcrossChunksCountsOnce) {
    EXPECT_EQ(lines_in({"a\r", "\nb\r\n"}), 2U);
    EXPECT_EQ(lines_in({"a\r", "b\r"}), 2U);
}

}  // namespace
}  // namespace dss::formats
