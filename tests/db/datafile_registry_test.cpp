// The datafile registry: one row per file, errors cleared on success, runs without files.
#include "pipelines/datafile_registry.hpp"

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "support/test_database.hpp"

namespace dss::pipelines {
namespace {

class DatafileRegistryTest : public ::testing::Test {
   protected:
    test::TestDatabase database;
    db::Connection connection = database.connect();
    DatafileRegistry registry{connection};
    void SetUp() override {
        db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
    }
    int rows() {
        return connection.execute("SELECT count(*) FROM operations.datafile_registry")
            .get<int>(0, 0);
    }
};

TEST_F(DatafileRegistryTest, AFailureRecordedLateNeverOverwritesAFileAnotherRunLoaded) {
    registry.record("dit.baci", "a.csv", FileState::processed);
    registry.record("dit.baci", "a.csv", FileState::failed, "this run's attempt failed");
    auto entry = registry.find("dit.baci", "a.csv");
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->state, FileState::processed);
    EXPECT_FALSE(entry->error_message);
}

TEST_F(DatafileRegistryTest, OneRowPerFileFollowingItsLife) {
    registry.record("dit.baci", "a.csv", FileState::processing);
    registry.record("dit.baci", "a.csv", FileState::failed, "line 3: bad integer");
    auto failed = registry.find("dit.baci", "a.csv");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->state, FileState::failed);
    EXPECT_EQ(failed->error_message, "line 3: bad integer");
    EXPECT_TRUE(registry.done_files("dit.baci").empty());

    registry.record("dit.baci", "a.csv", FileState::processed);
    auto processed = registry.find("dit.baci", "a.csv");
    EXPECT_EQ(processed->state, FileState::processed);
    EXPECT_EQ(processed->error_message, std::nullopt) << "success clears the old error";
    EXPECT_EQ(rows(), 1);
    auto updated = connection.execute(
        "SELECT updated_timestamp IS NOT NULL FROM operations.datafile_registry");
    EXPECT_TRUE(updated.get<bool>(0, 0));
}

TEST_F(DatafileRegistryTest, DoneFilesAreProcessedOrIgnoredOfThatSource) {
    registry.record("dit.baci", "a.csv", FileState::processed);
    registry.record("dit.baci", "b.csv", FileState::failed, "x");
    registry.record("dit.baci", "c.csv", FileState::processing);
    registry.record("ons.postcode_directory", "a.csv", FileState::processed);
    connection.execute(
        "INSERT INTO operations.datafile_registry (source, file_name, state) VALUES ('dit.baci', "
        "'d.csv', 'ignored')");
    EXPECT_EQ(registry.done_files("dit.baci"), (std::set<std::string>{"a.csv", "d.csv"}));
}

TEST_F(DatafileRegistryTest, RunsWithoutFilesGetARowEachTime) {
    registry.record_run("world_bank.tariff.transformed", FileState::processed);
    registry.record_run("world_bank.tariff.transformed", FileState::failed, "worker failed");
    EXPECT_EQ(rows(), 2);
}

TEST_F(DatafileRegistryTest, NamesWithQuotesAreJustValues) {
    registry.record("dit.baci", "o'brien; drop table x.csv", FileState::processed);
    EXPECT_EQ(registry.done_files("dit.baci").count("o'brien; drop table x.csv"), 1U);
}

}  // namespace
}  // namespace dss::pipelines
