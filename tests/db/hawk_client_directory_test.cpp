// Hawk client lookups over a real pool: answers are cached, and a flood of unknown ids cannot
// push a real client out of the cache.
#include "auth/hawk_client_directory.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "support/test_database.hpp"

namespace dss::auth {
namespace {

TEST(HawkClientDirectory, UnknownIdsDoNotPushKnownClientsOut) {
    test::TestDatabase database;
    auto connection = database.connect();
    db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
    add_hawk_client(connection, {{"known", "key-0123456789", "sha256"}, {"*"}}, "test");
    db::Pool pool({database.url(), 2, {}});
    auto lookup = hawk_client_lookup(pool, std::chrono::minutes(5));
    ASSERT_TRUE(lookup("known"));
    // Gone from the table: only the cache can still answer for it now.
    connection.execute("DELETE FROM public.hawk_users");
    for (int i = 0; i < 10'050; ++i) EXPECT_FALSE(lookup("random-" + std::to_string(i)));
    auto known = lookup("known");
    ASSERT_TRUE(known) << "the flood of unknown ids flushed the known client";
    EXPECT_EQ(known->credentials.key, "key-0123456789");
}

}  // namespace
}  // namespace dss::auth
