// Local storage: recursive listing oldest first, streaming reads, publish-or-nothing writes.
#include "storage/local_storage.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "storage/make_storage.hpp"
#include "support/temporary_directory.hpp"

namespace dss::storage {
namespace {

std::string read_all(InputStream& input) {
    std::string out;
    std::array<char, 7> buffer{};  // small on purpose: reads must stitch chunks
    while (auto count = input.read(buffer.data(), buffer.size())) out.append(buffer.data(), count);
    return out;
}

void write_file(Storage& storage, const std::string& name, const std::string& text) {
    auto output = storage.create(name);
    output->write(text);
    output->publish();
}

TEST(LocalStorage, ListsRecursivelyOldestFirstWithSizes) {
    test::TemporaryDirectory root;
    LocalStorage storage(root.path());
    write_file(storage, "ons/b.csv", "12345");
    std::filesystem::last_write_time(
        root.path() / "ons/b.csv",
        std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
    write_file(storage, "ons/sub/a.csv", "1");
    write_file(storage, "other/c.csv", "12");
    auto entries = storage.list("ons");
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].name, "ons/b.csv") << "the older file first";
    EXPECT_EQ(entries[0].size, 5U);
    EXPECT_EQ(entries[1].name, "ons/sub/a.csv");
    EXPECT_EQ(storage.list("").size(), 3U);
    EXPECT_TRUE(storage.list("missing").empty());
}

TEST(LocalStorage, ReadsInChunksAndSeeks) {
    test::TemporaryDirectory root;
    LocalStorage storage(root.path());
    write_file(storage, "f.txt", "hello, streaming world");
    auto input = storage.open("f.txt");
    EXPECT_EQ(input->size(), 22U);
    EXPECT_EQ(read_all(*input), "hello, streaming world");
    input->seek(7);
    EXPECT_EQ(read_all(*input), "streaming world");
    EXPECT_THROW(storage.open("nope.txt"), NotFound);
}

TEST(LocalStorage, UnpublishedWritesLeaveNothing) {
    test::TemporaryDirectory root;
    LocalStorage storage(root.path());
    {
        auto output = storage.create("d/partial.csv");
        output->write("half");
        EXPECT_TRUE(storage.list("").empty()) << "not visible before publish";
    }
    EXPECT_TRUE(storage.list("").empty());
    EXPECT_TRUE(std::filesystem::is_empty(root.path() / "d"));
}

TEST(LocalStorage, MovesAndRemoves) {
    test::TemporaryDirectory root;
    LocalStorage storage(root.path());
    write_file(storage, "a.csv", "x");
    storage.move("a.csv", "archive/a.csv");
    EXPECT_EQ(storage.list("")[0].name, "archive/a.csv");
    storage.remove("archive/a.csv");
    EXPECT_TRUE(storage.list("").empty());
    EXPECT_THROW(storage.remove("archive/a.csv"), NotFound);
    EXPECT_THROW(storage.move("missing", "x"), NotFound);
}

TEST(LocalStorage, RefusesNamesOutsideTheRoot) {
    test::TemporaryDirectory root;
    LocalStorage storage(root.path());
    EXPECT_THROW(storage.open("../etc/passwd"), std::invalid_argument);
    EXPECT_THROW(storage.create("/tmp/x"), std::invalid_argument);
}

TEST(MakeStorage, ChoosesByUrl) {
    test::TemporaryDirectory root;
    core::StorageSettings settings;
    settings.bucket_url = "file://" + root.path().string();
    EXPECT_EQ(make_storage(settings)->describe(), "local directory " + root.path().string());
    settings.bucket_url = "s3://bucket/some/prefix/";
    EXPECT_EQ(make_storage(settings)->describe(), "s3://bucket/some/prefix/");
}

}  // namespace
}  // namespace dss::storage
