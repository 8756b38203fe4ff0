// Parsing and ordering of migration files, and the embedded set shipped in the binary.
#include <gtest/gtest.h>

#include <stdexcept>

#include "db/migrator.hpp"

namespace dss::db {
namespace {

TEST(ParseMigrations, OrdersByVersionAndChecksums) {
    std::vector<MigrationSource> sources = {{"0002_b.sql", "select 2;"},
                                            {"0001_a.sql", "select 1;"}};
    auto migrations = parse_migrations(sources);
    ASSERT_EQ(migrations.size(), 2U);
    EXPECT_EQ(migrations[0].version, 1);
    EXPECT_EQ(migrations[0].name, "0001_a.sql");
    EXPECT_EQ(migrations[1].version, 2);
    // printf 'select 1;' | sha256sum
    EXPECT_EQ(migrations[0].checksum,
              "354b7196c9ba5fb4b21cf615bb6ec4cd5c07503c34229feef033fc081a8c03f4");
    EXPECT_NE(migrations[0].checksum, migrations[1].checksum);
}

TEST(ParseMigrations, RefusesBadNamesAndDuplicateVersions) {
    EXPECT_THROW(parse_migrations({{"core.sql", ""}}), std::invalid_argument);
    EXPECT_THROW(parse_migrations({{"0001-core.sql", ""}}), std::invalid_argument);
    EXPECT_THROW(parse_migrations({{"0001_a.sql", ""}, {"1_b.sql", ""}}), std::invalid_argument);
}

TEST(EmbeddedMigrations, StartWithTheCoreSchema) {
    auto migrations = parse_migrations(embedded_migrations());
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().name, "0001_core.sql");
    EXPECT_NE(migrations.front().sql.find("operations.datafile_registry"), std::string::npos);
}

}  // namespace
}  // namespace dss::db
