// Interoperability with the reference Hawk implementation (npm hawk) in both directions:
// its client against `dss serve`, and `dss hawk request` against a server built on it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "auth/hawk_client_directory.hpp"
#include "db/migrator.hpp"
#include "support/dss_server.hpp"
#include "support/test_database.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;

std::string interop(const std::string& file) {
    return (source_directory() / "tests" / "interop" / file).string();
}

TEST(HawkInterop, ReferenceClientAgainstDssServe) {
    TestDatabase database;
    {
        auto connection = database.connect();
        db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
        auth::add_hawk_client(connection, {{"node-client", "node-key-0123456789", "sha256"}, {"*"}},
                              "interop");
        auth::add_hawk_client(
            connection, {{"node-limited", "limited-key-0123456789", "sha256"}, {"list_dit_baci"}},
            "interop");
    }
    DssServer server(database.url());
    auto result = run_command({"/usr/bin/env", "node", "--test", interop("hawk_client_test.js")},
                              {{"DSS_URL", "http://127.0.0.1:" + std::to_string(server.port())},
                               {"HAWK_ID", "node-client"},
                               {"HAWK_KEY", "node-key-0123456789"},
                               {"HAWK_PATH", "/api/v1/get-dit-reference-postcodes/"},
                               {"HAWK_LIMITED_ID", "node-limited"},
                               {"HAWK_LIMITED_KEY", "limited-key-0123456789"}},
                              std::chrono::seconds(120));
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("# fail 0"));
    EXPECT_THAT(result.out, HasSubstr("# skipped 0"));
    EXPECT_THAT(result.out, ::testing::ContainsRegex("# pass [1-9][0-9]*"));
}

class ReferenceServer {
   public:
    ReferenceServer()
        : process_({"/usr/bin/env", "node", interop("hawk_server.js")},
                   {{"HAWK_ID", "dss-client"}, {"HAWK_KEY", "dss-key-0123456789"}}) {
        if (!process_.wait_for_output("listening on", std::chrono::seconds(20))) {
            throw std::runtime_error("hawk_server.js did not start: " + process_.standard_error());
        }
        std::smatch match;
        auto out = process_.standard_output();
        std::regex_search(out, match, std::regex("listening on ([0-9]+)"));
        url_ = "http://127.0.0.1:" + match[1].str();
    }
    const std::string& url() const { return url_; }
    std::string log() const { return process_.standard_error(); }

   private:
    ChildProcess process_;
    std::string url_;
};

CommandResult hawk_request(const std::vector<std::string>& extra) {
    std::vector<std::string> arguments = {dss_binary(), "hawk", "request"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_command(arguments);
}

TEST(HawkInterop, DssClientAgainstReferenceServer) {
    ReferenceServer server;
    auto get =
        hawk_request({"--url", server.url() + "/api/v1/thing/?a=1", "--client-id", "dss-client",
                      "--client-key", "dss-key-0123456789", "--query-params", "b=two words&c=%2F"});
    EXPECT_EQ(get.exit_status, 0) << get.out << get.err << server.log();
    EXPECT_THAT(get.out, HasSubstr("HTTP 200"));
    EXPECT_THAT(get.out, HasSubstr("\"ok\": true"));

    auto post = hawk_request({"--url", server.url() + "/submit", "--client-id", "dss-client",
                              "--client-key", "dss-key-0123456789", "--method", "POST",
                              "--post-data", R"({"name": "dss", "n": 1})"});
    EXPECT_EQ(post.exit_status, 0) << post.out << post.err << server.log();
    EXPECT_THAT(post.out, HasSubstr("\"name\": \"dss\""));
}

TEST(HawkInterop, DssClientIsRefusedWithAWrongKey) {
    ReferenceServer server;
    auto result = hawk_request(
        {"--url", server.url() + "/x", "--client-id", "dss-client", "--client-key", "wrong"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("HTTP 401"));
}

TEST(HawkInterop, DssClientRejectsAForgedServerAuthorization) {
    ReferenceServer server;
    auto result = hawk_request({"--url", server.url() + "/tampered-response", "--client-id",
                                "dss-client", "--client-key", "dss-key-0123456789"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.err, HasSubstr("Server-Authorization does not verify"));
}

}  // namespace
}  // namespace dss::test
