// The connection pool: reuse, bounds, and recovery from broken connections.
#include "db/pool.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "db/errors.hpp"
#include "support/test_database.hpp"

namespace dss::db {
namespace {

int backend_pid(Connection& connection) {
    return connection.execute("SELECT pg_backend_pid()").get<int>(0, 0);
}

TEST(Pool, ReusesReturnedConnections) {
    test::TestDatabase database;
    Pool pool({database.url(), 2, {}, std::chrono::seconds(30)});
    int first = 0;
    {
        auto connection = pool.acquire();
        first = backend_pid(*connection);
    }
    auto again = pool.acquire();
    EXPECT_EQ(backend_pid(*again), first);
}

TEST(Pool, NeverOpensMoreThanItsSize) {
    test::TestDatabase database;
    Pool pool({database.url(), 1, {}, std::chrono::milliseconds(200)});
    auto held = pool.acquire();
    EXPECT_THROW(pool.acquire(), ConnectionError);
}

TEST(Pool, WaitsForAConnectionToBeReturned) {
    test::TestDatabase database;
    Pool pool({database.url(), 1, {}, std::chrono::seconds(10)});
    std::optional<PooledConnection> held(pool.acquire());
    std::thread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        held.reset();
    });
    auto connection = pool.acquire();
    EXPECT_EQ(connection->execute("SELECT 1").get<int>(0, 0), 1);
    releaser.join();
}

TEST(Pool, ReplacesAConnectionTheServerClosed) {
    test::TestDatabase database;
    Pool pool({database.url(), 1, {}, std::chrono::seconds(30)});
    int victim = 0;
    {
        auto connection = pool.acquire();
        victim = backend_pid(*connection);
    }
    Connection killer(database.url());
    killer.execute("SELECT pg_terminate_backend($1)", victim);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto connection = pool.acquire();
    EXPECT_NE(backend_pid(*connection), victim);
}

TEST(Pool, DiscardsAConnectionReturnedInsideATransaction) {
    test::TestDatabase database;
    Pool pool({database.url(), 1, {}, std::chrono::seconds(30)});
    int first = 0;
    {
        auto connection = pool.acquire();
        first = backend_pid(*connection);
        connection->execute("BEGIN");
    }
    auto connection = pool.acquire();
    EXPECT_FALSE(connection->in_transaction());
    EXPECT_NE(backend_pid(*connection), first);
}

TEST(Pool, UnreachableServerIsAConnectionErrorAndFreesTheSlot) {
    Pool pool({"postgresql://127.0.0.1:1/none", 1, {std::chrono::seconds(2)}});
    EXPECT_THROW(pool.acquire(), ConnectionError);
    EXPECT_THROW(pool.acquire(), ConnectionError)
        << "the failed attempt must not hold the only slot";
}

}  // namespace
}  // namespace dss::db
