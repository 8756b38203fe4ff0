// Zip members streamed from storage: order, contents, and damaged archives.
#include "formats/zip_archive.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "storage/local_storage.hpp"
#include "support/temporary_directory.hpp"
#include "support/zip_maker.hpp"

namespace dss::formats {
namespace {

std::string read_all(storage::InputStream& input) {
    std::string out;
    std::array<char, 4096> buffer{};
    while (auto count = input.read(buffer.data(), buffer.size())) out.append(buffer.data(), count);
    return out;
}

TEST(ZipArchive, ListsMembersInZipOrderAndStreamsThem) {
    test::TemporaryDirectory directory;
    std::string big;
    for (int i = 0; i < 200000; ++i) big += "row," + std::to_string(i) + "\n";
    test::write_zip(directory.path() / "data.zip", {{"Data/second.csv", "b,2\n"},
                                                    {"Data/", ""},
                                                    {"Data/first.csv", big},
                                                    {"sub/.DS_Store", "x"}});
    storage::LocalStorage storage(directory.path());
    ZipArchive archive(storage.open("data.zip"), "data.zip");
    EXPECT_EQ(archive.members(),
              (std::vector<std::string>{"Data/second.csv", "Data/first.csv", "sub/.DS_Store"}));
    EXPECT_EQ(read_all(*archive.open(0)), "b,2\n");
    auto first = archive.open(1);
    EXPECT_EQ(first->size(), big.size());
    EXPECT_TRUE(read_all(*first) == big);
}

TEST(ZipArchive, TruncatedZipIsAClearErrorNamingTheFile) {
    test::TemporaryDirectory directory;
    test::write_zip(directory.path() / "whole.zip", {{"a.csv", std::string(10000, 'a')}});
    std::ifstream whole(directory.path() / "whole.zip", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(whole)), std::istreambuf_iterator<char>());
    directory.write("cut.zip", bytes.substr(0, bytes.size() / 2));
    storage::LocalStorage storage(directory.path());
    try {
        ZipArchive archive(storage.open("cut.zip"), "ons/cut.zip");
        FAIL() << "a truncated zip opened";
    } catch (const std::runtime_error& error) {
        EXPECT_THAT(std::string(error.what()),
                    ::testing::HasSubstr("ons/cut.zip is not a readable zip file"));
    }
}

TEST(ZipArchive, SomethingElseIsNotAZip) {
    test::TemporaryDirectory directory;
    directory.write("plain.zip", "pcd,pcds\nAB1 0AA,AB1 0AA\n");
    storage::LocalStorage storage(directory.path());
    EXPECT_THROW(ZipArchive(storage.open("plain.zip"), "plain.zip"), std::runtime_error);
}

}  // namespace
}  // namespace dss::formats
