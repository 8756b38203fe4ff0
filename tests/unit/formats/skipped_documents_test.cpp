// What a run says about the documents it left out: every one counted, the first few hundred
// named, and the text fit for the registry (UTF-8, short) whatever the documents held.
#include "formats/skipped_documents.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/utf8.hpp"

namespace dss::formats {
namespace {

using ::testing::HasSubstr;

TEST(SkippedDocuments, ReasonsBecomeValidUtf8AndShort) {
    SkippedDocuments skipped;
    skipped.add("a.html",
                "'12\xA0"
                "345' is not a number");
    skipped.add("b.html", std::string(1000, 'x'));
    ASSERT_EQ(skipped.kept().size(), 2U);
    EXPECT_EQ(skipped.kept()[0].reason,
              "'12\xEF\xBF\xBD"
              "345' is not a number");
    EXPECT_TRUE(core::is_valid_utf8(skipped.summary(10)));
    EXPECT_LT(skipped.kept()[1].reason.size(), 310U);
}

TEST(SkippedDocuments, TheSummaryNamesSomeAndCountsAll) {
    SkippedDocuments skipped;
    for (int i = 0; i < 600; ++i) skipped.add("d" + std::to_string(i) + ".xml", "broken");
    EXPECT_EQ(skipped.count(), 600U);
    EXPECT_EQ(skipped.kept().size(), 500U);
    auto summary = skipped.summary(2);
    EXPECT_THAT(summary, HasSubstr("600 documents skipped: d0.xml (broken); d1.xml (broken); "
                                   "and 598 more"));
}

}  // namespace
}  // namespace dss::formats
