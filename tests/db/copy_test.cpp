// Streaming COPY in both directions.
#include "db/copy.hpp"

#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "support/test_database.hpp"

namespace dss::db {
namespace {

class CopyTest : public ::testing::Test {
   protected:
    test::TestDatabase database;
    Connection connection = database.connect();
    void SetUp() override { connection.execute("CREATE TABLE t (id int, name text)"); }
    std::int64_t rows() {
        return connection.execute("SELECT count(*) FROM t").get<std::int64_t>(0, 0);
    }
};

TEST_F(CopyTest, StreamsRowsInChunksThatSplitLines) {
    CopyIn copy(connection, "COPY t FROM STDIN WITH (FORMAT csv)");
    std::string data;
    for (int i = 0; i < 10000; ++i)
        data += std::to_string(i) + ",\"name " + std::to_string(i) + "\"\n";
    // Chunk boundaries fall mid-line: COPY must not care.
    for (std::size_t at = 0; at < data.size(); at += 997)
        copy.write(std::string_view(data).substr(at, 997));
    EXPECT_EQ(copy.finish(), 10000U);
    EXPECT_EQ(rows(), 10000);
    EXPECT_EQ(connection.execute("SELECT name FROM t WHERE id = 9999").get<std::string>(0, 0),
              "name 9999");
}

TEST_F(CopyTest, BadDataFailsWithSqlstateAndLine) {
    CopyIn copy(connection, "COPY t FROM STDIN WITH (FORMAT csv)");
    copy.write("1,a\n2,b\nthree,c\n");
    try {
        copy.finish();
        FAIL() << "expected invalid input";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), "22P02");
    }
    EXPECT_EQ(rows(), 0);
    EXPECT_EQ(connection.execute("SELECT 1").get<int>(0, 0), 1) << "connection still usable";
}

TEST_F(CopyTest, AbandonedCopyStoresNothing) {
    {
        CopyIn copy(connection, "COPY t FROM STDIN WITH (FORMAT csv)");
        copy.write("1,a\n");
    }
    EXPECT_EQ(rows(), 0);
    EXPECT_EQ(connection.execute("SELECT 1").get<int>(0, 0), 1);
}

TEST_F(CopyTest, CopyInsideATransactionRollsBackWithIt) {
    {
        Transaction transaction(connection);
        CopyIn copy(connection, "COPY t FROM STDIN WITH (FORMAT csv)");
        copy.write("1,a\n");
        copy.finish();
    }
    EXPECT_EQ(rows(), 0);
}

TEST_F(CopyTest, CopyOutStreamsEveryRow) {
    connection.execute("INSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 2500) g");
    CopyOut copy(connection,
                 "COPY (SELECT id, name FROM t ORDER BY id) TO STDOUT WITH (FORMAT csv)");
    std::string_view chunk;
    std::size_t count = 0;
    std::string last;
    while (copy.next(chunk)) {
        ++count;
        last = chunk;
    }
    EXPECT_EQ(count, 2500U);
    EXPECT_EQ(last, "2500,n2500\n");
    EXPECT_EQ(connection.execute("SELECT 1").get<int>(0, 0), 1);
}

TEST_F(CopyTest, AbandonedCopyOutLeavesTheConnectionUsable) {
    connection.execute("INSERT INTO t SELECT g, 'n' FROM generate_series(1, 100000) g");
    {
        CopyOut copy(connection, "COPY t TO STDOUT");
        std::string_view chunk;
        ASSERT_TRUE(copy.next(chunk));
    }
    EXPECT_EQ(connection.execute("SELECT 2").get<int>(0, 0), 2);
}

}  // namespace
}  // namespace dss::db
