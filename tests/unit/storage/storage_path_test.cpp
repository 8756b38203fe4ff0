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
