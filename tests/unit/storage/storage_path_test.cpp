// Folder names: one spelling for each folder, and names taken relative to a folder only when
// they are inside it.
#include "storage/storage_path.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace dss::storage {
namespace {

TEST(StoragePath, FoldersHaveOneSpelling) {
    EXPECT_EQ(normalise_folder("datasets/"), "datasets");
    EXPECT_EQ(normalise_folder("/datasets"), "datasets");
    EXPECT_EQ(normalise_folder("./datasets//dit/./baci/"), "datasets/dit/baci");
    EXPECT_EQ(normalise_folder("/"), "");
    EXPECT_EQ(normalise_folder(""), "");
    EXPECT_THROW(normalise_folder("datasets/../secrets"), std::invalid_argument);
}

TEST(StoragePath, JoinedWithOneSlash) {
    EXPECT_EQ(join_folders("datasets/", "/dit/baci/"), "datasets/dit/baci");
    EXPECT_EQ(join_folders("", "dit/baci"), "dit/baci");
    EXPECT_EQ(join_folders("datasets", ""), "datasets");
}

TEST(StoragePath, BaseNameIsTheLastPart) {
    EXPECT_EQ(base_name("datasets/hmrc/exporters/exporters2001.zip"), "exporters2001.zip");
    EXPECT_EQ(base_name("test_datafile_1/Prod223_2798_12345_20200331.html"),
              "Prod223_2798_12345_20200331.html");
    EXPECT_EQ(base_name("plain.csv"), "plain.csv");
    EXPECT_EQ(base_name("folder/"), "");
}

TEST(StoragePath, RelativeOnlyInsideTheFolder) {
    EXPECT_EQ(relative_to("datasets/dit/a.csv", "datasets/dit"), "a.csv");
    EXPECT_EQ(relative_to("datasets/dit/sub/a.csv", "datasets/dit"), "sub/a.csv");
    EXPECT_EQ(relative_to("a.csv", ""), "a.csv");
    EXPECT_EQ(relative_to("datasets/ditx/a.csv", "datasets/dit"), std::nullopt);
    EXPECT_EQ(relative_to("datasets/dit", "datasets/dit"), std::nullopt);
    EXPECT_EQ(relative_to("other/a.csv", "datasets/dit"), std::nullopt);
}

}  // namespace
}  // namespace dss::storage
