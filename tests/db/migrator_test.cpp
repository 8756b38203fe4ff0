// Migrations: applied once, in order, each all-or-nothing, and never silently edited.
#include "db/migrator.hpp"

#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "support/test_database.hpp"

namespace dss::db {
namespace {

bool table_exists(Connection& connection, const std::string& name) {
    return connection.execute("SELECT to_regclass($1) IS NOT NULL", name).get<bool>(0, 0);
}

TEST(Migrator, AppliesEveryShippedMigrationOnceThenNothing) {
    test::TestDatabase database;
    auto connection = database.connect();
    Migrator migrator(connection, parse_migrations(embedded_migrations()));
    auto first = migrator.upgrade();
    EXPECT_EQ(first.size(), embedded_migrations().size());
    EXPECT_TRUE(migrator.upgrade().empty());
    for (const auto* table : {"public.hawk_users", "operations.datafile_registry",
                              "public.pipeline", "public.pipeline_data_file"}) {
        EXPECT_TRUE(table_exists(connection, table)) << table;
    }
}

TEST(Migrator, CoreSchemaHasTheRegistryStatesInOrderAndOneRowPerFile) {
    test::TestDatabase database;
    auto connection = database.connect();
    Migrator(connection, parse_migrations(embedded_migrations())).upgrade();
    auto states = connection.execute("SELECT enum_range(NULL::operations.processing_state)::text");
    EXPECT_EQ(states.get<std::string>(0, 0), "{processing,failed,processed,ignored}");
    connection.execute(
        "INSERT INTO operations.datafile_registry (source, file_name, state) VALUES ('dit.baci', "
        "'a.csv', 'processed')");
    try {
        connection.execute(
            "INSERT INTO operations.datafile_registry (source, file_name, state) VALUES "
            "('dit.baci', 'a.csv', 'failed')");
        FAIL() << "a second row for the same file was accepted";
    } catch (const DatabaseError& error) {
        EXPECT_EQ(error.sqlstate(), sqlstate::kUniqueViolation);
    }
    auto created = connection.execute(
        "SELECT created_timestamp IS NOT NULL FROM operations.datafile_registry");
    EXPECT_TRUE(created.get<bool>(0, 0));
}

TEST(Migrator, AMigrationRewordedWithoutChangeOfEffectIsAcceptedUnderItsOldChecksum) {
    test::TestDatabase database;
    auto connection = database.connect();
    std::vector<MigrationSource> before = {{"0001_one.sql", "CREATE TABLE one (x int);"}};
    Migrator(connection, parse_migrations(before)).upgrade();
    auto old_checksum = parse_migrations(before).front().checksum;
    std::string reworded =
        "-- supersedes checksum: " + old_checksum + "\nCREATE TABLE IF NOT EXISTS one (x int);";
    std::vector<MigrationSource> after = {{"0001_one.sql", reworded}};
    EXPECT_TRUE(Migrator(connection, parse_migrations(after)).upgrade().empty());
    EXPECT_EQ(connection.execute("SELECT checksum FROM public.dss_migrations").text(0, 0),
              parse_migrations(after).front().checksum);
    // Any other edit is still refused.
    std::vector<MigrationSource> edited = {{"0001_one.sql", "CREATE TABLE one (y int);"}};
    EXPECT_THROW(Migrator(connection, parse_migrations(edited)).upgrade(), std::runtime_error);
}

TEST(Migrator, FailingMigrationLeavesNothingBehindAndNamesFileAndLine) {
    test::TestDatabase database;
    auto connection = database.connect();
    std::vector<MigrationSource> sources = {
        {"0001_ok.sql", "CREATE TABLE one (x int);"},
        {"0002_bad.sql",
         "CREATE TABLE two (x int);\nCREATE TABLE three (x int);\nCREAT TABLE oops;\n"}};
    Migrator migrator(connection, parse_migrations(sources));
    try {
        migrator.upgrade();
        FAIL() << "the bad migration was applied";
    } catch (const DatabaseError& error) {
        std::string message = error.what();
        EXPECT_NE(message.find("migration 0002_bad.sql line 3 failed"), std::string::npos)
            << message;
        EXPECT_EQ(error.sqlstate(), "42601");
    }
    EXPECT_TRUE(table_exists(connection, "one"));
    EXPECT_FALSE(table_exists(connection, "two")) << "half of 0002 was applied";
    auto statuses = migrator.status();
    EXPECT_TRUE(statuses[0].applied);
    EXPECT_FALSE(statuses[1].applied);
}

TEST(Migrator, EditingAnAppliedMigrationIsAnError) {
    test::TestDatabase database;
    auto connection = database.connect();
    Migrator(connection, parse_migrations({{"0001_a.sql", "CREATE TABLE a (x int);"}})).upgrade();
    Migrator edited(connection, parse_migrations({{"0001_a.sql", "CREATE TABLE a (x bigint);"},
                                                  {"0002_b.sql", "CREATE TABLE b (x int);"}}));
    try {
        edited.upgrade();
        FAIL() << "an edited migration went unnoticed";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("0001_a.sql was edited after it was applied"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_FALSE(table_exists(connection, "b")) << "nothing runs after the check fails";
}

TEST(Migrator, MigrationUnknownToThisBinaryIsAnError) {
    test::TestDatabase database;
    auto connection = database.connect();
    Migrator(connection,
             parse_migrations({{"0001_a.sql", "SELECT 1;"}, {"0002_b.sql", "SELECT 2;"}}))
        .upgrade();
    Migrator older(connection, parse_migrations({{"0001_a.sql", "SELECT 1;"}}));
    EXPECT_THROW(older.upgrade(), std::runtime_error);
}

TEST(Migrator, DropAllLeavesAnEmptyDatabaseThatMigratesAgain) {
    test::TestDatabase database;
    auto connection = database.connect();
    Migrator migrator(connection, parse_migrations(embedded_migrations()));
    migrator.upgrade();
    connection.execute(R"(CREATE SCHEMA "someone.elses_data")");
    auto dropped = migrator.drop_all();
    EXPECT_NE(std::find(dropped.begin(), dropped.end(), "someone.elses_data"), dropped.end());
    EXPECT_NE(std::find(dropped.begin(), dropped.end(), "ons.postcode_directory"), dropped.end());
    EXPECT_FALSE(table_exists(connection, "operations.datafile_registry"));
    EXPECT_EQ(migrator.upgrade().size(), embedded_migrations().size());
    EXPECT_TRUE(table_exists(connection, "operations.datafile_registry"));
}

}  // namespace
}  // namespace dss::db
