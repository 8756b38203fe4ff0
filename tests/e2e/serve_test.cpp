// dss serve over real sockets: health check, routing, keep-alive, limits, logs, shutdown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/child_process.hpp"
#include "support/dss_server.hpp"
#include "support/http_client.hpp"
#include "support/temporary_directory.hpp"
#include "support/test_database.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
namespace http = boost::beast::http;

class ServeTest : public ::testing::Test {
   protected:
    TestDatabase database;
};

TEST_F(ServeTest, HealthcheckAnswersOkOnBothSpellings) {
    DssServer server(database.url());
    for (const auto* path : {"/healthcheck", "/healthcheck/"}) {
        auto reply = http_get(server.port(), path);
        EXPECT_EQ(reply.status, 200) << path;
        EXPECT_EQ(nlohmann::json::parse(reply.body), nlohmann::json({{"status", "OK"}})) << path;
        EXPECT_EQ(reply.headers["content-type"], "application/json");
    }
}

TEST_F(ServeTest, UnknownPathIsJson404) {
    DssServer server(database.url());
    auto reply = http_get(server.port(), "/no/such/page");
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(nlohmann::json::parse(reply.body)["error"], "not found");
}

TEST_F(ServeTest, KeepAliveServesManyRequestsOnOneConnection) {
    DssServer server(database.url());
    HttpConnection connection(server.port());
    for (int i = 0; i < 20; ++i) {
        auto reply = connection.get("/healthcheck");
        ASSERT_EQ(reply.status, 200);
        EXPECT_TRUE(reply.keep_alive);
    }
}

TEST_F(ServeTest, OversizedBodyIsRefusedWith413) {
    DssServer server(database.url(), {{"DSS_HTTP_BODY_LIMIT", "1024"}});
    HttpConnection connection(server.port());
    auto reply = connection.request(http::verb::post, "/healthcheck", std::string(4096, 'x'),
                                    {{"Content-Type", "text/plain"}});
    EXPECT_EQ(reply.status, 413);
    EXPECT_FALSE(reply.keep_alive);
}

TEST_F(ServeTest, LogsAreJsonLinesWithOneAccessLinePerRequest) {
    DssServer server(database.url());
    http_get(server.port(), "/healthcheck");
    http_get(server.port(), "/missing");
    ASSERT_TRUE(server.process().wait_for_output("/missing 404", std::chrono::seconds(5)));
    std::istringstream lines(server.process().standard_error());
    std::string line;
    int access = 0;
    while (std::getline(lines, line)) {
        auto entry = nlohmann::json::parse(line);  // throws, failing the test, if not JSON
        EXPECT_TRUE(entry.contains("time") && entry.contains("level") && entry.contains("message"));
        if (entry["logger"] == "access") {
            ++access;
            EXPECT_THAT(entry["message"].get<std::string>(),
                        ::testing::MatchesRegex("GET /\\S+ (200|404) [0-9]+ [0-9.]+ms .*"));
        }
    }
    EXPECT_EQ(access, 2);
}

TEST_F(ServeTest, SigtermStopsGracefullyEvenWithAnIdleKeepAliveConnection) {
    DssServer server(database.url());
    HttpConnection idle(server.port());
    ASSERT_EQ(idle.get("/healthcheck").status, 200);
    server.process().send_signal(SIGTERM);
    EXPECT_EQ(server.process().wait_for_exit(std::chrono::seconds(10)), 0);
    EXPECT_THAT(server.process().standard_error(), HasSubstr("stopped"));
}

TEST_F(ServeTest, PortInUseIsOneClearMessage) {
    DssServer first(database.url());
    ChildProcess second({dss_binary(), "serve", "--port", std::to_string(first.port())},
                        {{"DSS_DATABASE_URL", database.url()}, {"DSS_HTTP_HOST", "127.0.0.1"}});
    auto status = second.wait_for_exit(std::chrono::seconds(20));
    ASSERT_TRUE(status.has_value());
    EXPECT_NE(*status, 0);
    EXPECT_THAT(second.standard_error(),
                HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(first.port())));
    EXPECT_THAT(second.standard_error(), HasSubstr("in use"));
}

TEST_F(ServeTest, UnreachableDatabaseAtStartIsOneClearMessage) {
    ChildProcess server({dss_binary(), "serve", "--port", "0"},
                        {{"DSS_DATABASE_URL", "postgresql://127.0.0.1:1/dss"}});
    EXPECT_EQ(server.wait_for_exit(std::chrono::seconds(20)), 1);
    EXPECT_THAT(server.standard_error(), HasSubstr("database unavailable"));
}

TEST_F(ServeTest, ProductionRefusesTheDefaultSecretKey) {
    ChildProcess server({dss_binary(), "serve", "--port", "0"},
                        {{"DSS_DATABASE_URL", database.url()}, {"FLASK_ENV", "prod"}});
    EXPECT_EQ(server.wait_for_exit(std::chrono::seconds(20)), 2);
    EXPECT_THAT(server.standard_error(), HasSubstr("DSS_APP_SECRET_KEY"));
}

// Outside dev and test the key that seals staff sessions must be a real secret.
TEST_F(ServeTest, OutsideDevAndTestAnEmptyOrShortSecretKeyIsRefused) {
    for (const std::string& key : {std::string(), std::string(31, 'k')}) {
        ChildProcess server({dss_binary(), "serve", "--port", "0"},
                            {{"DSS_DATABASE_URL", database.url()},
                             {"FLASK_ENV", "staging"},
                             {"DSS_APP_SECRET_KEY", key}});
        EXPECT_EQ(server.wait_for_exit(std::chrono::seconds(20)), 2) << key.size();
        EXPECT_THAT(server.standard_error(), HasSubstr("must be at least 32")) << key.size();
    }
    DssServer server(database.url(),
                     {{"FLASK_ENV", "staging"}, {"DSS_APP_SECRET_KEY", std::string(32, 'k')}});
    EXPECT_EQ(http_get(server.port(), "/healthcheck").status, 200);
}

// A configuration folder without the sources' definitions would let uploads take their names.
TEST_F(ServeTest, AConfigurationFolderWithoutSourcesIsRefused) {
    TemporaryDirectory config;
    std::filesystem::copy_file(source_directory() / "config" / "defaults.yml",
                               config.path() / "defaults.yml");
    ChildProcess server(
        {dss_binary(), "serve", "--port", "0"},
        {{"DSS_DATABASE_URL", database.url()}, {"DSS_CONFIG_DIR", config.path().string()}});
    EXPECT_EQ(server.wait_for_exit(std::chrono::seconds(20)), 2);
    EXPECT_THAT(server.standard_error(), HasSubstr("sources"));
    EXPECT_THAT(server.standard_error(), HasSubstr("DSS_CONFIG_DIR"));
}

TEST_F(ServeTest, AnEmptySecuritySwitchStopsTheServer) {
    ChildProcess server({dss_binary(), "serve", "--port", "0"},
                        {{"DSS_DATABASE_URL", database.url()}, {"DSS_HAWK_ENABLED", ""}});
    EXPECT_EQ(server.wait_for_exit(std::chrono::seconds(20)), 2);
    EXPECT_THAT(server.standard_error(), HasSubstr("access_control.hawk_enabled"));
}

TEST_F(ServeTest, SecurityOffInProductionNeedsAnAcknowledgement) {
    EnvironmentOverrides production{{"DSS_DATABASE_URL", database.url()},
                                    {"FLASK_ENV", "production"},
                                    {"DSS_APP_SECRET_KEY", "not-the-default-and-32-bytes-long"},
                                    {"DSS_HAWK_NONCE_ENABLED", "False"}};
    ChildProcess refused({dss_binary(), "serve", "--port", "0"}, production);
    EXPECT_EQ(refused.wait_for_exit(std::chrono::seconds(20)), 2);
    EXPECT_THAT(refused.standard_error(), HasSubstr("DSS_ACKNOWLEDGE_INSECURE"));

    production["DSS_ACKNOWLEDGE_INSECURE"] = "True";
    DssServer server(database.url(), production);
    EXPECT_EQ(http_get(server.port(), "/healthcheck").status, 200);
    EXPECT_THAT(server.process().standard_error(),
                HasSubstr("hawk_nonce_enabled (DSS_HAWK_NONCE_ENABLED) is False"));
}

TEST_F(ServeTest, NoBrowserCacheAddsNoCacheHeaders) {
    DssServer server(database.url(), {{"NO_BROWSER_CACHE", "True"}});
    auto reply = http_get(server.port(), "/healthcheck");
    EXPECT_THAT(reply.headers["cache-control"], HasSubstr("no-store"));
}

}  // namespace
}  // namespace dss::test
