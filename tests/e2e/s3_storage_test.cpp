// S3 storage against a real S3-compatible server (s3rver): SigV4 signing by libcurl, listing
// with continuation tokens, multipart uploads, ranged reads, copy, delete; and `dss s3`.
#include "storage/s3_storage.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/child_process.hpp"
#include "support/s3rver.hpp"

namespace dss::storage {
namespace {

using ::testing::HasSubstr;

class S3StorageTest : public ::testing::Test {
   protected:
    test::S3rver server;
    S3Settings settings() const {
        S3Settings s = S3Settings::from_url("s3://" + server.bucket() + "/datasets");
        s.endpoint_url = server.endpoint();
        s.access_key_id = test::S3rver::kAccessKey;
        s.secret_access_key = test::S3rver::kSecretKey;
        s.part_size = 5 * 1024 * 1024;
        return s;
    }
};

std::string read_all(InputStream& input) {
    std::string out;
    std::vector<char> buffer(1 << 20);
    while (auto count = input.read(buffer.data(), buffer.size())) out.append(buffer.data(), count);
    return out;
}

void put(Storage& storage, const std::string& name, const std::string& data) {
    auto output = storage.create(name);
    output->write(data);
    output->publish();
}

TEST_F(S3StorageTest, WritesListsReadsMovesAndDeletes) {
    S3Storage storage(settings());
    put(storage, "dit/baci/a b.csv", "t,hs6\n2017,10519\n");
    put(storage, "dit/baci/sub/c.csv", "x");
    auto entries = storage.list("dit/baci");
    ASSERT_EQ(entries.size(), 2U);
    EXPECT_EQ(entries[0].name, "dit/baci/a b.csv");
    EXPECT_EQ(entries[0].size, 17U);
    auto input = storage.open("dit/baci/a b.csv");
    EXPECT_EQ(read_all(*input), "t,hs6\n2017,10519\n");
    storage.move("dit/baci/a b.csv", "archive/a b.csv");
    EXPECT_EQ(storage.list("dit/baci").size(), 1U);
    EXPECT_EQ(storage.list("archive")[0].name, "archive/a b.csv");
    storage.remove("archive/a b.csv");
    EXPECT_TRUE(storage.list("archive").empty());
    EXPECT_THROW(storage.open("archive/a b.csv"), NotFound);
    EXPECT_THROW(storage.remove("archive/a b.csv"), NotFound);
}

TEST_F(S3StorageTest, ListingFollowsContinuationTokens) {
    auto s = settings();
    s.list_page_size = 2;
    S3Storage storage(s);
    for (int i = 0; i < 5; ++i) put(storage, "many/f" + std::to_string(i) + ".csv", "x");
    EXPECT_EQ(storage.list("many").size(), 5U);
}

TEST_F(S3StorageTest, LargeFilesGoUpInPartsAndComeBackInRanges) {
    S3Storage storage(settings());
    std::string data;
    for (int i = 0; data.size() < 12 * 1024 * 1024; ++i)
        data += "row " + std::to_string(i) + ",some,text\n";
    {
        auto output = storage.create("big/file.csv");
        for (std::size_t at = 0; at < data.size(); at += 300'000)
            output->write(std::string_view(data).substr(at, 300'000));
        output->publish();
    }
    auto input = storage.open("big/file.csv");
    EXPECT_EQ(input->size(), data.size());
    auto back = read_all(*input);
    EXPECT_EQ(back.size(), data.size());
    EXPECT_TRUE(back == data);
    input->seek(data.size() - 10);
    EXPECT_EQ(read_all(*input), data.substr(data.size() - 10));
}

TEST_F(S3StorageTest, AFileReplacedWhileItIsReadIsAnErrorNotASplice) {
    auto s = settings();
    s.part_size = 1024;
    S3Storage storage(s);
    put(storage, "moving/file.csv", std::string(4096, 'a'));
    auto input = storage.open("moving/file.csv");
    std::vector<char> buffer(1024);
    ASSERT_EQ(input->read(buffer.data(), buffer.size()), 1024U);
    put(storage, "moving/file.csv", std::string(4096, 'b'));
    try {
        while (input->read(buffer.data(), buffer.size()) > 0) {
            EXPECT_EQ(buffer[0], 'a') << "bytes of the new version were read";
        }
        ADD_FAILURE() << "the replaced file was read to its end";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("changed while it was being read"),
                  std::string::npos)
            << error.what();
    }
}

TEST_F(S3StorageTest, AnUnpublishedUploadLeavesNothing) {
    S3Storage storage(settings());
    {
        auto output = storage.create("partial/file.csv");
        output->write(
            std::string(6 * 1024 * 1024, 'x'));  // past one part: a multipart upload began
    }
    EXPECT_TRUE(storage.list("partial").empty());
}

// s3rver checks the access key id of a SigV4 request but not the signature itself.
TEST_F(S3StorageTest, UnknownAccessKeyIsRefused) {
    auto s = settings();
    s.access_key_id = "NOT-A-KEY";
    S3Storage storage(s);
    try {
        storage.list("");
        FAIL() << "listing with a wrong secret worked";
    } catch (const std::runtime_error& error) {
        EXPECT_THAT(std::string(error.what()), HasSubstr("InvalidAccessKeyId"));
    }
}

TEST_F(S3StorageTest, CommandLineWorksOnTheConfiguredBucket) {
    test::TemporaryDirectory local;
    auto file = local.write("upload.csv", "a,b\n1,2\n");
    test::EnvironmentOverrides environment{{"S3_BUCKET_URL", "s3://" + server.bucket() + "/inputs"},
                                           {"S3_ENDPOINT_URL", server.endpoint()},
                                           {"AWS_ACCESS_KEY_ID", test::S3rver::kAccessKey},
                                           {"AWS_SECRET_ACCESS_KEY", test::S3rver::kSecretKey},
                                           {"AWS_DEFAULT_REGION", "eu-west-2"}};
    auto dss = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), {test::dss_binary(), "s3"});
        return test::run_command(arguments, environment);
    };
    auto uploaded = dss({"upload", file.string(), "datasets/x/upload.csv"});
    EXPECT_EQ(uploaded.exit_status, 0) << uploaded.err;
    auto listed = dss({"ls"});
    EXPECT_THAT(listed.out, HasSubstr("datasets/x/upload.csv"));
    EXPECT_EQ(dss({"move", "datasets/x/upload.csv", "datasets/y/renamed.csv"}).exit_status, 0);
    EXPECT_THAT(dss({"ls", "datasets/y"}).out, HasSubstr("datasets/y/renamed.csv"));
    EXPECT_EQ(dss({"delete", "datasets/y/renamed.csv"}).exit_status, 0);
    auto missing = dss({"delete", "datasets/y/renamed.csv"});
    EXPECT_EQ(missing.exit_status, 1);
    EXPECT_THAT(missing.err, HasSubstr("no file datasets/y/renamed.csv"));
}

}  // namespace
}  // namespace dss::storage
