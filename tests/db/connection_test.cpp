// Statements, parameters and errors against the real private PostgreSQL.
#include "db/connection.hpp"

#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "support/test_database.hpp"

namespace dss::db {
namespace {

class ConnectionTest : public ::testing::Test {
   protected:
    test::TestDatabase database;
    Connection connection = database.connect();
};

TEST_F(ConnectionTest, ParametersTravelSeparatelyFromSql) {
    auto hostile = std::string("'); drop table x; --");
    auto result = connection.execute("SELECT $1::text AS t, $2::int + 1 AS n, $3::bool AS b",
                                     hostile, 41, true);
    EXPECT_EQ(result.get<std::string>(0, 0), hostile);
    EXPECT_EQ(result.get<int>(0, 1), 42);
    EXPECT_TRUE(result.get<bool>(0, 2));
    EXPECT_EQ(result.column_name(1), "n");
    EXPECT_EQ(result.column_index("b"), 2);
}

TEST_F(ConnectionTest, NullsInAndOut) {
    std::optional<int> nothing;
    auto result = connection.execute("SELECT $1::int, $2::text", nothing, std::nullopt);
    EXPECT_TRUE(result.is_null(0, 0));
    EXPECT_EQ(result.get<std::optional<int>>(0, 0), std::nullopt);
    EXPECT_THROW(result.get<int>(0, 1), std::logic_error);
}

TEST_F(ConnectionTest, ErrorsCarryTheSqlstate) {
    connection.execute("CREATE TABLE t (id int PRIMARY KEY)");
    connection.execute("INSERT INTO t VALUES (1)");
    try {
        connection.execute("INSERT INTO t VALUES ($1)", 1);
        FAIL() << "expected a unique violation";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), sqlstate::kUniqueViolation);
        EXPECT_NE(std::string(error.what()).find("duplicate key"), std::string::npos)
            << error.what();
    }
    try {
        connection.execute("SELECT * FROM missing_table");
        FAIL() << "expected undefined table";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), sqlstate::kUndefinedTable);
        EXPECT_EQ(error.position(), 15);
    }
}

TEST_F(ConnectionTest, ConnectionSurvivesAFailedStatement) {
    EXPECT_THROW(connection.execute("SELEC 1"), DatabaseError);
    EXPECT_EQ(connection.execute("SELECT 7").get<int>(0, 0), 7);
}

TEST_F(ConnectionTest, ScriptsRunSeveralStatements) {
    connection.execute_script(
        "CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); CREATE TABLE b (y int);");
    EXPECT_EQ(connection.execute("SELECT count(*) FROM a").get<std::int64_t>(0, 0), 2);
}

TEST_F(ConnectionTest, AffectedRowsAreCounted) {
    connection.execute("CREATE TABLE c (x int)");
    EXPECT_EQ(connection.execute("INSERT INTO c SELECT generate_series(1, 5)").affected_rows(), 5U);
}

TEST(ConnectionFailure, UnreachableServerIsAConnectionErrorWithoutPassword) {
    try {
        Connection connection("postgresql://user:secret@127.0.0.1:1/none",
                              {std::chrono::seconds(2)});
        FAIL() << "connected to port 1?";
    } catch (const ConnectionError& error) {
        std::string message = error.what();
        EXPECT_NE(message.find("cannot connect to postgresql://user:***@127.0.0.1:1/none"),
                  std::string::npos)
            << message;
        EXPECT_EQ(message.find("secret"), std::string::npos);
    }
}

TEST(ConnectionFailure, TerminatedBackendIsDetectedAsNotAlive) {
    test::TestDatabase database;
    auto victim = database.connect();
    auto pid = victim.execute("SELECT pg_backend_pid()").get<int>(0, 0);
    EXPECT_TRUE(victim.is_alive());
    auto killer = database.connect();
    killer.execute("SELECT pg_terminate_backend($1)", pid);
    // The server closes the socket asynchronously; give it a moment.
    for (int i = 0; i < 100 && victim.is_alive(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(victim.is_alive());
}

}  // namespace
}  // namespace dss::db
