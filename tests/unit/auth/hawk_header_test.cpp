// The Authorization header grammar: what is accepted and every way it is refused.
#include "auth/hawk_header.hpp"

#include <gtest/gtest.h>

namespace dss::auth {
namespace {

std::string refusal(const std::string& header) {
    try {
        parse_hawk_authorization(header);
    } catch (const MalformedHawkHeader& error) {
        return error.what();
    }
    return "accepted";
}

TEST(HawkHeader, ParsesAttributesInAnyOrder) {
    auto parsed = parse_hawk_authorization(
        R"(Hawk mac="bWFj", ext="some-app-data", hash="aGFzaA==", nonce="j4h3g2", ts="1353832234", id="dh37fgj492je")");
    EXPECT_EQ(parsed.id, "dh37fgj492je");
    EXPECT_EQ(parsed.ts, "1353832234");
    EXPECT_EQ(parsed.nonce, "j4h3g2");
    EXPECT_EQ(parsed.mac, "bWFj");
    EXPECT_EQ(parsed.hash, "aGFzaA==");
    EXPECT_EQ(parsed.ext, "some-app-data");
    EXPECT_FALSE(parsed.app.has_value());
}

TEST(HawkHeader, SchemeIsCaseInsensitiveAndSpacingFlexible) {
    auto parsed = parse_hawk_authorization(R"(hawk id="a",ts="1",  nonce="n" ,mac="m")");
    EXPECT_EQ(parsed.id, "a");
    EXPECT_EQ(parsed.mac, "m");
}

TEST(HawkHeader, RefusesEachMalformation) {
    EXPECT_EQ(refusal(R"(Basic dXNlcg==)"), "Authorization scheme is not Hawk");
    EXPECT_EQ(refusal("Hawk"), "Invalid header syntax");
    EXPECT_EQ(refusal(R"(Hawk id="a", ts="1", nonce="n")"), "Missing attributes");
    EXPECT_EQ(refusal(R"(Hawk id="a", ts="1", nonce="n", mac="")"), "Bad attribute value: mac");
    EXPECT_EQ(refusal(R"(Hawk id="a", ts="1", nonce="n", mac="m", color="red")"),
              "Unknown attribute: color");
    EXPECT_EQ(refusal(R"(Hawk id="a", id="b", ts="1", nonce="n", mac="m")"),
              "Duplicate attribute: id");
    EXPECT_EQ(refusal(R"(Hawk id="a", ts="1", nonce="n", mac="m)"), "Bad header format");
    EXPECT_EQ(refusal(R"(Hawk id=a, ts="1", nonce="n", mac="m")"), "Bad header format");
    EXPECT_EQ(refusal("Hawk id=\"a\xc3\xa9\", ts=\"1\", nonce=\"n\", mac=\"m\""),
              "Bad attribute value: id");
    EXPECT_EQ(refusal(R"(Hawk id="a" ts="1", nonce="n", mac="m")"), "Bad header format");
    EXPECT_EQ(refusal("Hawk id=\"" + std::string(5000, 'a') + "\""), "Header length too long");
}

TEST(HawkHeader, AttributesAloneForServerAuthorization) {
    auto attributes = parse_hawk_attributes(R"(Hawk mac="abc", hash="def")");
    EXPECT_EQ(attributes.at("mac"), "abc");
    EXPECT_EQ(attributes.at("hash"), "def");
    EXPECT_EQ(attributes.size(), 2U);
}

}  // namespace
}  // namespace dss::auth
