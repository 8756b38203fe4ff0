// float(), int(), str.strip() and repr(float) as Python has them: the reference wrote its
// numbers through them, and L0 must hold the same text.
#include "formats/xbrl/python_values.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace dss::formats::xbrl {
namespace {

TEST(PythonFloatRepr, PositionalUpToSixteenDigitsBeforeThePoint) {
    EXPECT_EQ(python_float_repr(96264.0), "96264.0");
    EXPECT_EQ(python_float_repr(-1234.5), "-1234.5");
    EXPECT_EQ(python_float_repr(1e15), "1000000000000000.0");
    EXPECT_EQ(python_float_repr(1234567890123456.0), "1234567890123456.0");
    EXPECT_EQ(python_float_repr(0.1), "0.1");
    EXPECT_EQ(python_float_repr(0.0001), "0.0001");
    EXPECT_EQ(python_float_repr(0.0), "0.0");
    EXPECT_EQ(python_float_repr(-0.0), "-0.0");
}

TEST(PythonFloatRepr, ExponentBeyondThoseLimits) {
    EXPECT_EQ(python_float_repr(1e16), "1e+16");
    EXPECT_EQ(python_float_repr(1.5e17), "1.5e+17");
    EXPECT_EQ(python_float_repr(0.00001), "1e-05");
    EXPECT_EQ(python_float_repr(-1.25e-7), "-1.25e-07");
    EXPECT_EQ(python_float_repr(1e300), "1e+300");
}

TEST(PythonFloatRepr, ShortestDigitsThatReadBack) {
    // Products that are not exact print with every digit they need, as Python prints them.
    EXPECT_EQ(python_float_repr(0.07 * 3), "0.21000000000000002");
    EXPECT_EQ(python_float_repr(1.1 * 1.1), "1.2100000000000002");
    EXPECT_EQ(python_float_repr(1234.0 * 1000), "1234000.0");
}

TEST(PythonFloatRepr, NotANumberAndInfinity) {
    EXPECT_EQ(python_float_repr(std::nan("")), "nan");
    EXPECT_EQ(python_float_repr(-HUGE_VAL), "-inf");
}

TEST(ParsePythonFloat, TakesWhatFloatTakes) {
    EXPECT_EQ(parse_python_float("96264"), 96264.0);
    EXPECT_EQ(parse_python_float("  -12.5 "), -12.5);
    EXPECT_EQ(parse_python_float("+.5"), 0.5);
    EXPECT_EQ(parse_python_float("5."), 5.0);
    EXPECT_EQ(parse_python_float("1e3"), 1000.0);
    EXPECT_EQ(parse_python_float("1_000"), 1000.0);
    EXPECT_EQ(parse_python_float("Infinity"), HUGE_VAL);
    EXPECT_TRUE(std::isnan(*parse_python_float("NaN")));
    EXPECT_EQ(parse_python_float("1e999"), HUGE_VAL);
    EXPECT_EQ(parse_python_float("1e-999"), 0.0);
    EXPECT_EQ(parse_python_float("\xc2\xa0"
                                 "7"),
              7.0);  // a no-break space is whitespace
}

TEST(ParsePythonFloat, RefusesWhatFloatRefuses) {
    for (const char* text : {"", "-", ".", "(1234)", "1.234,56", "1 000", "1__000", "_1", "1_",
                             "e5", "1e", "12abc", "0x10"}) {
        EXPECT_FALSE(parse_python_float(text).has_value()) << text;
    }
}

TEST(ParsePythonInt, DecimalIntegersOnly) {
    EXPECT_EQ(parse_python_int("3"), 3);
    EXPECT_EQ(parse_python_int(" -2 "), -2);
    EXPECT_EQ(parse_python_int("+1_0"), 10);
    EXPECT_FALSE(parse_python_int("3.0").has_value());
    EXPECT_FALSE(parse_python_int("").has_value());
    EXPECT_FALSE(parse_python_int("99999999999999999999").has_value());
}

TEST(PythonStrip, RemovesUnicodeWhitespaceAtBothEnds) {
    EXPECT_EQ(python_strip(" \t\n x y \r\n"), "x y");
    EXPECT_EQ(python_strip("\xc2\xa0\xe2\x80\x83"
                           "BadCorp\xe3\x80\x80"),
              "BadCorp");
    EXPECT_EQ(python_strip("\x1c"
                           "a\x1f"),
              "a");
    EXPECT_EQ(python_strip("caf\xc3\xa9"), "caf\xc3\xa9");  // é is no space
    EXPECT_EQ(python_strip("   "), "");
}

}  // namespace
}  // namespace dss::formats::xbrl
