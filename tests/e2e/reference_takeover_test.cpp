// Taking over a database the reference service made (issue 8, item 8): dss db upgrade adopts its
// tables, keeps its data and clients, and moves the id sequences the reference left behind, so
// that the next load neither collides with its rows nor looks for sequences that are not there.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "support/ingest_fixture.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;

class ReferenceTakeover : public Ingest {
   protected:
    // The fixture stands in for the reference's database: no dss migrations before it.
    void SetUp() override {
        std::ifstream file(source_directory() / "tests" / "fixtures" / "reference_schema.sql");
        std::string sql((std::istreambuf_iterator<char>(file)), {});
        ASSERT_FALSE(sql.empty());
        connection.execute_script(sql, "reference_schema.sql");
    }
};

TEST_F(ReferenceTakeover, UpgradeAdoptsTheTablesAndKeepsTheirRows) {
    auto upgrade = dss({"db", "upgrade"});
    ASSERT_EQ(upgrade.exit_status, 0) << upgrade.out << upgrade.err;
    EXPECT_THAT(upgrade.err, HasSubstr("database made by the reference's migrations"));
    EXPECT_EQ(rows("SELECT string_agg(version::text, ',' ORDER BY version) FROM "
                   "public.dss_migrations"),
              (std::vector<std::string>{"1,2,3,4"}));
    EXPECT_EQ(rows("SELECT id FROM public.hawk_users"), (std::vector<std::string>{"data-flow"}));
    // One row per file, the one that says it was loaded; runs without a file all stay.
    EXPECT_EQ(rows("SELECT state::text FROM operations.datafile_registry WHERE file_name = "
                   "'BACI_1995.csv'"),
              (std::vector<std::string>{"processed"}));
    EXPECT_EQ(rows("SELECT state::text FROM operations.datafile_registry WHERE file_name = "
                   "'skipped.csv'"),
              (std::vector<std::string>{"ignored"}));
    EXPECT_EQ(rows("SELECT count(*) FROM operations.datafile_registry WHERE file_name IS NULL"),
              (std::vector<std::string>{"2"}));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L1")"), (std::vector<std::string>{"3"}));

    auto again = dss({"db", "upgrade"});
    EXPECT_EQ(again.exit_status, 0) << again.err;
    EXPECT_EQ(rows("SELECT count(*) FROM public.dss_migrations"), (std::vector<std::string>{"4"}));
}

TEST_F(ReferenceTakeover, TheNextLoadContinuesAfterTheReferencesIds) {
    ASSERT_EQ(dss({"db", "upgrade"}).exit_status, 0);
    add_file("dit/baci/BACI_1996.csv",
             "t,hs6,i,j,v,q\n1996,1,4,251,1.5,0.1\n1996,2,4,251,2.5,0.2\n");
    auto load = dss({"ingest", "--source", "dit.baci"});
    ASSERT_EQ(load.exit_status, 0) << load.out << load.err;
    EXPECT_EQ(
        rows(R"(SELECT l1.id || ':' || l0.id || ':' || l0.t FROM "dit.baci"."L1" l1
                      JOIN "dit.baci"."L0" l0 ON l0.id = l1.data_source_row_id ORDER BY l1.id)"),
        (std::vector<std::string>{"1:1:1995", "2:2:1995", "3:3:1995", "4:4:1996", "5:5:1996"}));

    // A rebuild restarts the ids through the sequences the reference named its own way.
    auto rebuild = dss({"ingest", "--source", "dit.baci", "--force"});
    ASSERT_EQ(rebuild.exit_status, 0) << rebuild.out << rebuild.err;
    EXPECT_EQ(rows(R"(SELECT id || ':' || t FROM "dit.baci"."L0" ORDER BY id)"),
              (std::vector<std::string>{"1:1996", "2:1996"}));
}

}  // namespace
}  // namespace dss::test
