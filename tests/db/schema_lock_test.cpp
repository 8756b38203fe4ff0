// One writer per schema: the lock `dss ingest` and an upload's load both take.
#include "db/schema_lock.hpp"

#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "support/test_database.hpp"

namespace dss::db {
namespace {

TEST(SchemaLock, ASecondWriterOfTheSameSchemaWaitsUntilTheFirstCommits) {
    test::TestDatabase database;
    auto first = database.connect();
    auto second = database.connect();
    // Waiting is cut short so that the test can see it wait.
    second.execute("SET lock_timeout = '200ms'");

    auto holding = std::make_unique<Transaction>(first);
    lock_schema_for_writing(first, "world_bank.tariff");
    {
        Transaction waiting(second);
        EXPECT_THROW(lock_schema_for_writing(second, "world_bank.tariff"), DatabaseError);
    }
    {
        Transaction other(second);
        EXPECT_NO_THROW(lock_schema_for_writing(second, "world_bank.bound_rates"));
    }
    holding->commit();
    holding.reset();
    Transaction after(second);
    EXPECT_NO_THROW(lock_schema_for_writing(second, "world_bank.tariff"));
}

}  // namespace
}  // namespace dss::db
