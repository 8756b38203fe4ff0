// Target splitting and query decoding.
#include "http/request_context.hpp"

#include <gtest/gtest.h>

namespace dss::http {
namespace {

Request request_for(const std::string& target) { return Request{Verb::get, target, 11}; }

TEST(RequestContext, SplitsPathAndRawQuery) {
    auto request = request_for("/api/v1/x/?orientation=records&next-id=5");
    RequestContext context(request, {});
    EXPECT_EQ(context.path(), "/api/v1/x/");
    EXPECT_EQ(context.raw_query(), "orientation=records&next-id=5");
    EXPECT_EQ(context.query("next-id"), "5");
    EXPECT_EQ(context.query("orientation"), "records");
    EXPECT_EQ(context.query("missing"), std::nullopt);
}

TEST(RequestContext, DecodesQueryValues) {
    auto request = request_for("/p?postcode=ab10+1aa&x=%41%2f&empty=&flag");
    RequestContext context(request, {});
    EXPECT_EQ(context.query("postcode"), "ab10 1aa");
    EXPECT_EQ(context.query("x"), "A/");
    EXPECT_EQ(context.query("empty"), "");
    EXPECT_EQ(context.query("flag"), "");
}

TEST(RequestContext, FirstValueWins) {
    auto request = request_for("/p?a=1&a=2");
    EXPECT_EQ(RequestContext(request, {}).query("a"), "1");
}

TEST(PercentDecode, KeepsInvalidEscapesAndPlusInPaths) {
    EXPECT_EQ(percent_decode("100%", false), "100%");
    EXPECT_EQ(percent_decode("%zz", false), "%zz");
    EXPECT_EQ(percent_decode("a+b", false), "a+b");
    EXPECT_EQ(percent_decode("%22x%22", false), "\"x\"");
}

}  // namespace
}  // namespace dss::http

namespace dss::http {
namespace {

TEST(PercentEncode, KeepsUnreservedAndTheGivenCharacters) {
    EXPECT_EQ(percent_encode("a b/c~d.e-f_g"), "a%20b%2Fc~d.e-f_g");
    EXPECT_EQ(percent_encode("dir/a b.csv", "/"), "dir/a%20b.csv");
    EXPECT_EQ(percent_encode("b=two words&c=%2F", "&=%"), "b=two%20words&c=%2F");
    EXPECT_EQ(percent_encode("é"), "%C3%A9");
    EXPECT_EQ(percent_decode(percent_encode("x y/é\"'"), false), "x y/é\"'");
}

}  // namespace
}  // namespace dss::http
