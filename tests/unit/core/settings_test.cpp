// Validation of typed settings from the shipped defaults and bad values.
#include "core/settings.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "core/errors.hpp"

namespace dss::core {
namespace {

using ::testing::HasSubstr;

Settings settings_with(std::map<std::string, std::string, std::less<>> variables) {
    auto environment = Environment::from_map(std::move(variables));
    return Settings::from(Config::load(Config::locate_directory(environment), environment));
}

std::string error_with(std::map<std::string, std::string, std::less<>> variables) {
    try {
        settings_with(std::move(variables));
    } catch (const ConfigError& error) {
        return error.what();
    }
    return "no ConfigError";
}

TEST(Settings, ShippedDefaultsWorkWithNothingConfigured) {
    auto settings = settings_with({});
    EXPECT_EQ(settings.http.port, 5050);
    EXPECT_EQ(settings.pagination_size, 1000);
    EXPECT_EQ(settings.database.url, "postgresql://postgres@127.0.0.1:54329/dss");
    EXPECT_EQ(settings.cache.host, "") << "in-process nonce store by default";
    EXPECT_EQ(settings.dataflow.base_url, "") << "no data-flow trigger by default";
    EXPECT_EQ(settings.dataflow.data_uploader_dag_id, "DSSGenericPipeline");
    EXPECT_TRUE(settings.hawk.enabled);
    EXPECT_EQ(settings.hawk.timestamp_skew_seconds, 60);
    EXPECT_EQ(settings.sso.profile_path, "/api/v1/user/me/");
    EXPECT_TRUE(settings.uses_default_secret_key());
}

TEST(Settings, EnvironmentVariablesOfTheReferenceStillWork) {
    auto settings = settings_with({{"PORT", "8000"},
                                   {"DSS_PAGINATION_SIZE", "25"},
                                   {"DSS_HAWK_ENABLED", "False"},
                                   {"ACCESS_TOKEN_PATH", "/me"},
                                   {"CACHE_HOST", "redis://cache"},
                                   {"S3_BUCKET_URL", "s3://bucket/prefix"}});
    EXPECT_EQ(settings.http.port, 8000);
    EXPECT_EQ(settings.pagination_size, 25);
    EXPECT_FALSE(settings.hawk.enabled);
    EXPECT_EQ(settings.sso.profile_path, "/me");
    EXPECT_EQ(settings.cache.host, "redis://cache");
    EXPECT_EQ(settings.storage.bucket_url, "s3://bucket/prefix");
}

TEST(Settings, UnknownDatabaseSchemeNamesKeyAndFile) {
    auto message = error_with({{"DSS_DATABASE_URL", "mysql://db/x"}});
    EXPECT_THAT(message, HasSubstr("app.database_url"));
    EXPECT_THAT(message, HasSubstr("defaults.yml"));
    EXPECT_THAT(message, HasSubstr("unknown URL scheme"));
}

TEST(Settings, AnErrorAboutAUrlDoesNotRepeatItsPassword) {
    auto message = error_with({{"DSS_DATABASE_URL", "mysql://user:hunter2@db/x"}});
    EXPECT_THAT(message, HasSubstr("app.database_url"));
    EXPECT_THAT(message, HasSubstr("'mysql'"));
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
}

TEST(Settings, UnknownCacheSchemeIsRefused) {
    EXPECT_THAT(error_with({{"CACHE_HOST", "memcached://x"}}), HasSubstr("cache.host"));
}

TEST(Settings, UnknownStorageSchemeIsRefused) {
    EXPECT_THAT(error_with({{"S3_BUCKET_URL", "gs://bucket"}}), HasSubstr("s3.bucket_url"));
}

TEST(Settings, NonIntegerPortIsRefused) {
    auto message = error_with({{"PORT", "http"}});
    EXPECT_THAT(message, HasSubstr("http.port"));
    EXPECT_THAT(message, HasSubstr("must be an integer"));
}

TEST(Settings, OutOfRangePortIsRefused) {
    EXPECT_THAT(error_with({{"PORT", "70000"}}), HasSubstr("between 0 and 65535"));
}

TEST(Settings, NonBooleanSwitchIsRefused) {
    EXPECT_THAT(error_with({{"DSS_HAWK_ENABLED", "maybe"}}), HasSubstr("must be True or False"));
}

TEST(Settings, AnEmptySecuritySwitchIsAnErrorNotFalse) {
    for (const auto* variable : {"DSS_HAWK_ENABLED", "DSS_HAWK_NONCE_ENABLED"}) {
        auto message = error_with({{variable, ""}});
        EXPECT_THAT(message, HasSubstr("access_control.hawk_")) << variable;
        EXPECT_THAT(message, HasSubstr("must be True or False, got ''")) << variable;
    }
}

TEST(Settings, TheHostMustBeAnAddress) {
    auto message = error_with({{"DSS_HTTP_HOST", "999.1.1.1"}});
    EXPECT_THAT(message, HasSubstr("http.host"));
    EXPECT_THAT(message, HasSubstr("'999.1.1.1'"));
    EXPECT_EQ(settings_with({{"DSS_HTTP_HOST", "::1"}}).http.host, "::1");
}

TEST(Settings, AStorageUrlWithoutAFolderIsRefused) {
    EXPECT_THAT(error_with({{"S3_BUCKET_URL", "file://"}}), HasSubstr("names no folder"));
    EXPECT_THAT(error_with({{"S3_BUCKET_URL", "s3://"}}), HasSubstr("names no folder"));
}

TEST(Settings, UnknownLogLevelIsRefused) {
    EXPECT_THAT(error_with({{"DSS_LOG_LEVEL", "loud"}}), HasSubstr("app.log_level"));
}

}  // namespace
}  // namespace dss::core
