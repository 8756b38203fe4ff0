// The configuration rules of ../shared/spec/config.md, one test per rule and per bad input.
#include "core/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "core/errors.hpp"
#include "support/temporary_directory.hpp"

namespace dss::core {
namespace {

using test::TemporaryDirectory;
using ::testing::HasSubstr;

Environment env(std::map<std::string, std::string, std::less<>> variables = {}) {
    return Environment::from_map(std::move(variables));
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "no ConfigError";
}

TEST(Placeholders, TakeTheVariableWhenSet) {
    EXPECT_EQ(substitute_placeholders("$ENV{PORT, 5050}", env({{"PORT", "8080"}}), "k"), "8080");
}

TEST(Placeholders, TakeTheDefaultWhenUnset) {
    EXPECT_EQ(substitute_placeholders("$ENV{PORT, 5050}", env(), "k"), "5050");
}

TEST(Placeholders, AllowAnEmptyDefault) {
    EXPECT_EQ(substitute_placeholders("$ENV{CACHE_PWD, }", env(), "k"), "");
}

TEST(Placeholders, KeepASetButEmptyVariable) {
    EXPECT_EQ(substitute_placeholders("$ENV{X, fallback}", env({{"X", ""}}), "k"), "");
}

TEST(Placeholders, KeepTextAroundThem) {
    EXPECT_EQ(
        substitute_placeholders("postgresql://$ENV{H, db}:$ENV{P, 1}/x", env({{"P", "2"}}), "k"),
        "postgresql://db:2/x");
}

TEST(Placeholders, DefaultMayContainCommasAndColons) {
    EXPECT_EQ(substitute_placeholders("$ENV{URL, postgresql://a:b@c/d,e}", env(), "k"),
              "postgresql://a:b@c/d,e");
}

TEST(Placeholders, WithoutClosingBraceNameKeyAndFile) {
    auto message = error_of(
        [] { substitute_placeholders("$ENV{PORT, 5050", env(), "key http.port (from f.yml)"); });
    EXPECT_THAT(message, HasSubstr("http.port"));
    EXPECT_THAT(message, HasSubstr("f.yml"));
    EXPECT_THAT(message, HasSubstr("no closing brace"));
}

TEST(Placeholders, WithoutVariableNameAreRefused) {
    EXPECT_THAT(error_of([] { substitute_placeholders("$ENV{, 1}", env(), "k"); }),
                HasSubstr("names no variable"));
}

TEST(Coercion, DigitsBecomeIntegers) {
    auto value = coerce_scalar("1000", "f");
    ASSERT_TRUE(std::holds_alternative<std::int64_t>(value.value));
    EXPECT_EQ(std::get<std::int64_t>(value.value), 1000);
}

TEST(Coercion, ExactlyTrueAndFalseBecomeBooleans) {
    EXPECT_EQ(std::get<bool>(coerce_scalar("True", "f").value), true);
    EXPECT_EQ(std::get<bool>(coerce_scalar("False", "f").value), false);
    EXPECT_TRUE(std::holds_alternative<std::string>(coerce_scalar("TRUE", "f").value));
}

TEST(Coercion, SignsAndDecimalsStayText) {
    EXPECT_TRUE(std::holds_alternative<std::string>(coerce_scalar("-1", "f").value));
    EXPECT_TRUE(std::holds_alternative<std::string>(coerce_scalar("1.5", "f").value));
    EXPECT_TRUE(std::holds_alternative<std::string>(coerce_scalar("", "f").value));
}

TEST(Coercion, HugeNumbersStayText) {
    EXPECT_TRUE(
        std::holds_alternative<std::string>(coerce_scalar("99999999999999999999999", "f").value));
}

class ConfigFiles : public ::testing::Test {
   protected:
    TemporaryDirectory directory;
    void SetUp() override {
        directory.write("defaults.yml",
                        "app:\n"
                        "  database_url: $ENV{DSS_DATABASE_URL, postgresql://localhost/dss}\n"
                        "  pagination_size: $ENV{DSS_PAGINATION_SIZE, 1000}\n"
                        "  name: defaults\n"
                        "cache:\n"
                        "  host: $ENV{CACHE_HOST, }\n"
                        "  ssl: $ENV{CACHE_SSL, True}\n"
                        "  quoted: \"123\"\n");
    }
};

TEST_F(ConfigFiles, DefaultsAloneResolvePlaceholdersAndTypes) {
    auto config = Config::load(directory.path(), env());
    EXPECT_EQ(config.string("app.database_url"), "postgresql://localhost/dss");
    EXPECT_EQ(config.integer("app.pagination_size"), 1000);
    EXPECT_TRUE(config.boolean("cache.ssl"));
    EXPECT_EQ(config.string("cache.host"), "");
}

TEST_F(ConfigFiles, QuotedYamlScalarsStayText) {
    auto config = Config::load(directory.path(), env());
    EXPECT_TRUE(std::holds_alternative<std::string>(config.find("cache.quoted")->value));
}

TEST_F(ConfigFiles, LocalFileOverridesKeyByKey) {
    directory.write("local.yml", "app:\n  name: local\n");
    auto config = Config::load(directory.path(), env());
    EXPECT_EQ(config.string("app.name"), "local");
    EXPECT_EQ(config.integer("app.pagination_size"), 1000) << "sibling keys survive the merge";
}

TEST_F(ConfigFiles, TestingSelectsLocalTestingInsteadOfLocal) {
    directory.write("local.yml", "app:\n  name: local\n");
    directory.write("local_testing.yml", "app:\n  name: testing\n");
    EXPECT_EQ(Config::load(directory.path(), env({{"TESTING", "1"}})).string("app.name"),
              "testing");
    EXPECT_EQ(Config::load(directory.path(), env({{"TESTING", "0"}})).string("app.name"), "local");
}

TEST_F(ConfigFiles, PlaceholdersResolveInTheLocalFileToo) {
    directory.write("local.yml", "app:\n  name: $ENV{LOCAL_NAME, fallback}\n");
    EXPECT_EQ(Config::load(directory.path(), env({{"LOCAL_NAME", "from-env"}})).string("app.name"),
              "from-env");
}

TEST_F(ConfigFiles, EnvironmentBeatsEveryFile) {
    directory.write("local.yml", "app:\n  pagination_size: $ENV{DSS_PAGINATION_SIZE, 50}\n");
    auto config = Config::load(directory.path(), env({{"DSS_PAGINATION_SIZE", "7"}}));
    EXPECT_EQ(config.integer("app.pagination_size"), 7);
}

TEST_F(ConfigFiles, NonIntegerWhereIntegerNeededNamesKeyAndFile) {
    auto config = Config::load(directory.path(), env({{"DSS_PAGINATION_SIZE", "lots"}}));
    auto message = error_of([&] { config.integer("app.pagination_size"); });
    EXPECT_THAT(message, HasSubstr("app.pagination_size"));
    EXPECT_THAT(message, HasSubstr((directory.path() / "defaults.yml").string()));
    EXPECT_THAT(message, HasSubstr("lots"));
}

TEST_F(ConfigFiles, UnreadableYamlNamesFileAndLine) {
    directory.write("local.yml", "app:\n  name: [unclosed\n");
    auto message = error_of([&] { Config::load(directory.path(), env()); });
    EXPECT_THAT(message, HasSubstr("local.yml"));
    EXPECT_THAT(message, HasSubstr("not valid YAML"));
    EXPECT_THAT(message, HasSubstr("line"));
}

TEST_F(ConfigFiles, PlaceholderWithoutBraceInFileNamesKeyAndFile) {
    directory.write("local.yml", "cache:\n  host: $ENV{CACHE_HOST, redis://x\n");
    auto message = error_of([&] { Config::load(directory.path(), env()); });
    EXPECT_THAT(message, HasSubstr("cache.host"));
    EXPECT_THAT(message, HasSubstr("local.yml"));
}

TEST_F(ConfigFiles, NonIntegerTestingSwitchIsRefused) {
    EXPECT_THAT(error_of([&] {
                    Config::load(directory.path(), env({{"TESTING", "yes"}}));
                }),
                HasSubstr("TESTING"));
}

TEST(ConfigLoad, MissingDefaultsFileIsAClearError) {
    TemporaryDirectory empty;
    auto message = error_of([&] { Config::load(empty.path(), env()); });
    EXPECT_THAT(message, HasSubstr("defaults.yml"));
    EXPECT_THAT(message, HasSubstr("DSS_CONFIG_DIR"));
}

TEST(ConfigLoad, DirectoryComesFromDssConfigDir) {
    EXPECT_EQ(Config::locate_directory(env({{"DSS_CONFIG_DIR", "/etc/dss"}})), "/etc/dss");
}

TEST(ConfigLoad, ShippedDefaultsAreFoundWithoutConfiguration) {
    auto directory = Config::locate_directory(env());
    EXPECT_TRUE(std::filesystem::exists(directory / "defaults.yml")) << directory;
}

class VcapServices : public ConfigFiles {};

TEST_F(VcapServices, PostgresUriReplacesDatabaseUrlWithPostgresqlScheme) {
    auto config = Config::load(
        directory.path(),
        env({{"VCAP_SERVICES",
              R"({"postgres": [{"credentials": {"uri": "postgres://u:p@db.example:5432/x"}}]})"}}));
    EXPECT_EQ(config.string("app.database_url"), "postgresql://u:p@db.example:5432/x");
    EXPECT_EQ(config.find("app.database_url")->origin, "VCAP_SERVICES");
}

TEST_F(VcapServices, RedisUriReplacesCacheHost) {
    auto config =
        Config::load(directory.path(),
                     env({{"VCAP_SERVICES",
                           R"({"redis": [{"credentials": {"uri": "rediss://:pw@r:6380"}}]})"}}));
    EXPECT_EQ(config.string("cache.host"), "rediss://:pw@r:6380");
}

TEST_F(VcapServices, S3BucketCredentialsConfigureStorage) {
    auto config = Config::load(directory.path(),
                               env({{"VCAP_SERVICES", R"({"aws-s3-bucket": [{"credentials": {
        "bucket_name": "b", "aws_access_key_id": "AK", "aws_secret_access_key": "SK",
        "aws_region": "eu-west-2"}}]})"}}));
    EXPECT_EQ(config.string("s3.bucket_url"), "s3://b");
    EXPECT_EQ(config.string("s3.access_key_id"), "AK");
    EXPECT_EQ(config.string("s3.secret_access_key"), "SK");
    EXPECT_EQ(config.string("s3.region"), "eu-west-2");
}

TEST_F(VcapServices, OnlyTheFirstServiceOfAKindCounts) {
    auto config = Config::load(directory.path(), env({{"VCAP_SERVICES", R"({"postgres": [
        {"credentials": {"uri": "postgresql://first/x"}},
        {"credentials": {"uri": "postgresql://second/x"}}]})"}}));
    EXPECT_EQ(config.string("app.database_url"), "postgresql://first/x");
}

TEST_F(VcapServices, InvalidJsonIsAClearError) {
    EXPECT_THAT(error_of([&] {
                    Config::load(directory.path(), env({{"VCAP_SERVICES", "{nope"}}));
                }),
                HasSubstr("VCAP_SERVICES is not valid JSON"));
}

TEST_F(VcapServices, MissingUriIsAClearError) {
    auto message = error_of([&] {
        Config::load(directory.path(),
                     env({{"VCAP_SERVICES", R"({"postgres": [{"credentials": {}}]})"}}));
    });
    EXPECT_THAT(message, HasSubstr("postgres"));
    EXPECT_THAT(message, HasSubstr("uri"));
}

}  // namespace
}  // namespace dss::core
