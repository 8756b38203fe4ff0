// dss serve at its limits: a statement that runs too long, a shutdown whose deadline passes
// with a query still running, and a process out of file descriptors (issue 8, items 10, 14, 15).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <sstream>
#include <thread>

#include "auth/hawk_client_directory.hpp"
#include "db/migrator.hpp"
#include "support/dss_server.hpp"
#include "support/hawk_session.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

const auth::HawkCredentials kLimitsClient{"limits-client", "limits-key-0123456789", "sha256"};

class ServeLimits : public ::testing::Test {
   protected:
    TestDatabase database;
    db::Connection connection = database.connect();

    void SetUp() override {
        db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
        auth::add_hawk_client(connection, {kLimitsClient, {"*"}}, "test");
        // A table whose every read takes 30 seconds.
        connection.execute("CREATE SCHEMA slow");
        connection.execute("CREATE VIEW slow.nap AS SELECT 1 AS id, pg_sleep(30)::text AS dream");
    }

    long sleeping_queries() {
        return connection
            .execute(
                // This test's database only: other tests nap in theirs at the same time.
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%slow%nap%' "
                "AND state = 'active' AND pid <> pg_backend_pid() "
                "AND datname = current_database()")
            .get<long>(0, 0);
    }
};

TEST_F(ServeLimits, AStatementPastTheTimeoutIsCancelledAnd503) {
    // Options of its own in the URL must not drop the timeout.
    DssServer server(database.url() + "?options=-c%20search_path%3Dpublic",
                     {{"DSS_DATABASE_STATEMENT_TIMEOUT", "1"}});
    HawkSession session(server.port(), kLimitsClient);
    auto started = std::chrono::steady_clock::now();
    auto reply = session.get("/api/v1/table-data/slow/nap");
    EXPECT_EQ(reply.reply.status, 503);
    EXPECT_EQ(reply.json(), nlohmann::json({{"error", "the database did not answer in time"}}));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
    EXPECT_EQ(http_get(server.port(), "/healthcheck").status, 200) << "the pool is still fine";
}

TEST_F(ServeLimits, AtTheShutdownDeadlineRunningQueriesAreCancelledAndTheServerExits) {
    DssServer server(database.url(), {{"DSS_HTTP_SHUTDOWN_TIMEOUT", "1"}});
    auto port = server.port();
    auto request = std::async(std::launch::async, [port] {
        HawkSession session(port, kLimitsClient);
        try {
            return session.get("/api/v1/table-data/slow/nap").reply.status;
        } catch (const std::exception&) {
            return 0;  // the connection closed without an answer
        }
    });
    for (int i = 0; i < 250 && sleeping_queries() == 0; ++i) std::this_thread::sleep_for(20ms);
    ASSERT_EQ(sleeping_queries(), 1);
    auto stopping = std::chrono::steady_clock::now();
    server.process().send_signal(SIGTERM);
    EXPECT_EQ(server.process().wait_for_exit(10s), 0) << server.process().standard_error();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 8s);
    EXPECT_THAT(server.process().standard_error(), HasSubstr("shutdown deadline passed"));
    for (int i = 0; i < 100 && sleeping_queries() > 0; ++i) std::this_thread::sleep_for(20ms);
    EXPECT_EQ(sleeping_queries(), 0) << "the query was left running in PostgreSQL";
    EXPECT_NE(request.get(), 200);
}

TEST_F(ServeLimits, OutOfDescriptorsTheServerPausesAcceptingAndRecovers) {
    DssServer server(database.url(), {}, {"/bin/sh", "-c", "ulimit -n 64 && exec \"$0\" \"$@\""});
    // Hold more connections than the process has descriptors for.
    std::vector<int> held;
    for (int i = 0; i < 100; ++i) {
        int socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(server.port());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        held.push_back(socket);
    }
    std::this_thread::sleep_for(2s);
    for (int socket : held) ::close(socket);
    std::istringstream log(server.process().standard_error());
    int failures = 0;
    for (std::string line; std::getline(log, line);)
        failures += line.find("accept failed") != std::string::npos ? 1 : 0;
    EXPECT_GE(failures, 1) << "the descriptors never ran out: the test proves nothing";
    EXPECT_LE(failures, 3) << "one line per streak of failures, not one per attempt";
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) {
        std::this_thread::sleep_for(100ms);
        try {
            status = http_get(server.port(), "/healthcheck").status;
        } catch (const std::exception&) {
        }
    }
    EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace dss::test
