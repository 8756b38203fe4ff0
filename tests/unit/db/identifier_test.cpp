// The single identifier-quoting function.
#include "db/identifier.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace dss::db {
namespace {

TEST(QuoteIdentifier, WrapsInDoubleQuotes) { EXPECT_EQ(quote_identifier("L1"), "\"L1\""); }

TEST(QuoteIdentifier, DoublesEmbeddedQuotes) {
    EXPECT_EQ(quote_identifier(R"(x"; drop table y; --)"), R"("x""; drop table y; --")");
}

TEST(QuoteIdentifier, KeepsDotsInsideOneIdentifier) {
    EXPECT_EQ(qualified_name("ons.postcode_directory", "L1"), R"("ons.postcode_directory"."L1")");
}

TEST(QuoteIdentifier, RefusesEmptyAndNul) {
    EXPECT_THROW(quote_identifier(""), std::invalid_argument);
    EXPECT_THROW(quote_identifier(std::string_view("a\0b", 3)), std::invalid_argument);
}

}  // namespace
}  // namespace dss::db
