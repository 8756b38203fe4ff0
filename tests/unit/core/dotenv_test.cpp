// .env syntax and the rule that it never overrides the real environment.
#include "core/dotenv.hpp"

#include <gtest/gtest.h>

#include "core/environment.hpp"
#include "core/errors.hpp"

namespace dss::core {
namespace {

TEST(Dotenv, ReadsNameValueLinesCommentsAndExport) {
    auto variables = parse_dotenv(
        "# a comment\n"
        "\n"
        "PLAIN=value\n"
        "export EXPORTED=yes\n"
        "SPACED = padded  \n"
        "INLINE=kept # dropped\n"
        "EMPTY=\n",
        ".env");
    EXPECT_EQ(variables.at("PLAIN"), "value");
    EXPECT_EQ(variables.at("EXPORTED"), "yes");
    EXPECT_EQ(variables.at("SPACED"), "padded");
    EXPECT_EQ(variables.at("INLINE"), "kept");
    EXPECT_EQ(variables.at("EMPTY"), "");
    EXPECT_EQ(variables.size(), 5U);
}

TEST(Dotenv, UnquotesSingleAndDoubleQuotes) {
    auto variables = parse_dotenv(
        "SINGLE='a # not a comment'\n"
        "DOUBLE=\"line\\nbreak \\\"quoted\\\"\"\n"
        "URL=\"postgresql://u:p@h/db\"\n",
        ".env");
    EXPECT_EQ(variables.at("SINGLE"), "a # not a comment");
    EXPECT_EQ(variables.at("DOUBLE"), "line\nbreak \"quoted\"");
    EXPECT_EQ(variables.at("URL"), "postgresql://u:p@h/db");
}

TEST(Dotenv, ToleratesWindowsLineEndings) {
    auto variables = parse_dotenv("A=1\r\nB=2\r\n", ".env");
    EXPECT_EQ(variables.at("A"), "1");
    EXPECT_EQ(variables.at("B"), "2");
}

TEST(Dotenv, LineWithoutEqualsNamesFileAndLine) {
    try {
        parse_dotenv("A=1\nnonsense\n", "/app/.env");
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& error) {
        EXPECT_STREQ(error.what(), "/app/.env:2: expected NAME=value, got 'nonsense'");
    }
}

TEST(Dotenv, UnclosedQuoteIsAnError) {
    EXPECT_THROW(parse_dotenv("A=\"open\n", ".env"), ConfigError);
}

TEST(Dotenv, NeverOverridesTheProcessEnvironment) {
    auto environment = Environment::from_map({{"DSS_PAGINATION_SIZE", "10"}});
    environment.add_missing(parse_dotenv("DSS_PAGINATION_SIZE=20\nNEW=1\n", ".env"));
    EXPECT_EQ(environment.get("DSS_PAGINATION_SIZE"), "10");
    EXPECT_EQ(environment.get("NEW"), "1");
}

TEST(Dotenv, MissingFileAddsNothing) {
    EXPECT_TRUE(read_dotenv_file("/nonexistent/dss/.env").empty());
}

}  // namespace
}  // namespace dss::core
