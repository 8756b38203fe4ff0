// The reference's camelCase rule.
#include "api/camel_case.hpp"

#include <gtest/gtest.h>

namespace dss::api {
namespace {

TEST(CamelCase, FollowsTheReferenceRule) {
    EXPECT_EQ(to_camel_case("local_authority_district_code"), "localAuthorityDistrictCode");
    EXPECT_EQ(to_camel_case("lep1"), "lep1");
    EXPECT_EQ(to_camel_case("_leading_and_trailing_"), "leadingAndTrailing");
    EXPECT_EQ(to_camel_case("runs__of___underscores"), "runsOfUnderscores");
    EXPECT_EQ(to_camel_case("Mixed_CASE_parts"), "MixedCaseParts");
    EXPECT_EQ(to_camel_case("local_enterprise_partnership_lep1_code"),
              "localEnterprisePartnershipLep1Code");
    EXPECT_EQ(to_camel_case("___"), "");
}

}  // namespace
}  // namespace dss::api
