// Ignore rules at every depth (pipelines.md decision 6).
#include "pipelines/ignore_rules.hpp"

#include <gtest/gtest.h>

namespace dss::pipelines {
namespace {

TEST(IgnoreRules, IgnoresTheReferenceNamesAtEveryDepth) {
    for (const auto* name :
         {".DS_Store", "sub/.DS_Store", "a/b/.gitignore", "[Content_Types].xml", "__MACOSX",
          "__MACOSX/Data/x.csv", "__MACOSX_extra", "dir/datafile_register.csv"}) {
        EXPECT_TRUE(is_ignored(name)) << name;
    }
}

TEST(IgnoreRules, KeepsDataFiles) {
    for (const auto* name : {"ONSPD_MAY_2019_UK.zip", "Data/ONSPD_MAY_2019_UK.csv",
                             "my.DS_Store.csv", "datafile_register.csv.bak", "x__MACOSX/a.csv"}) {
        EXPECT_FALSE(is_ignored(name)) << name;
    }
}

}  // namespace
}  // namespace dss::pipelines
