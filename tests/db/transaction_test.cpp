// Scoped transactions: nothing persists unless committed.
#include "db/transaction.hpp"

#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "support/test_database.hpp"

namespace dss::db {
namespace {

class TransactionTest : public ::testing::Test {
   protected:
    test::TestDatabase database;
    Connection connection = database.connect();
    void SetUp() override { connection.execute("CREATE TABLE t (x int)"); }
    std::int64_t rows() {
        return connection.execute("SELECT count(*) FROM t").get<std::int64_t>(0, 0);
    }
};

TEST_F(TransactionTest, CommittedWorkPersists) {
    {
        Transaction transaction(connection);
        connection.execute("INSERT INTO t VALUES (1)");
        transaction.commit();
    }
    EXPECT_EQ(rows(), 1);
    EXPECT_FALSE(connection.in_transaction());
}

TEST_F(TransactionTest, LeavingScopeWithoutCommitRollsBack) {
    {
        Transaction transaction(connection);
        connection.execute("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(rows(), 0);
    EXPECT_FALSE(connection.in_transaction());
}

TEST_F(TransactionTest, AnExceptionRollsBackEverything) {
    auto load = [&] {
        Transaction transaction(connection);
        connection.execute("INSERT INTO t VALUES (1)");
        connection.execute("INSERT INTO t VALUES ('not a number')");
        transaction.commit();
    };
    EXPECT_THROW(load(), DatabaseError);
    EXPECT_EQ(rows(), 0);
}

TEST_F(TransactionTest, OtherSessionsDoNotSeeUncommittedRows) {
    Transaction transaction(connection);
    connection.execute("INSERT INTO t VALUES (1)");
    auto other = database.connect();
    EXPECT_EQ(other.execute("SELECT count(*) FROM t").get<std::int64_t>(0, 0), 0);
    transaction.commit();
    EXPECT_EQ(other.execute("SELECT count(*) FROM t").get<std::int64_t>(0, 0), 1);
}

}  // namespace
}  // namespace dss::db
