// The loader's statements against a real database: L1 ids follow L0's id order whatever order
// the heap keeps L0 rows in, and emptying restarts ids however the sequence is named.
#include "pipelines/source_loader.hpp"

#include <gtest/gtest.h>

#include "support/test_database.hpp"

namespace dss::pipelines {
namespace {

SourceDefinition small_source() {
    SourceDefinition source;
    source.id = source.schema = "test.loader";
    source.kind = PipelineKind::l1_incremental;
    source.l0_columns = {{"code", "text"}};
    source.l1_columns = {{"code", "text", "", "code"}};
    return source;
}

class SourceLoaderTest : public ::testing::Test {
   protected:
    test::TestDatabase database;
    db::Connection connection = database.connect();
    SourceDefinition source = small_source();
    SourceLoader loader{connection, source};

    std::vector<std::string> column(const std::string& sql) {
        auto result = connection.execute(sql);
        std::vector<std::string> values;
        for (int row = 0; row < result.rows(); ++row) values.emplace_back(result.text(row, 0));
        return values;
    }
};

TEST_F(SourceLoaderTest, L1IdsFollowL0IdsWhateverTheHeapOrder) {
    loader.ensure_tables();
    // The heap holds ids 3, 1, 2 in that order; a plan that reads the heap sees them so.
    connection.execute(
        R"(INSERT INTO "test.loader"."L0" (id, datafile_created, code)
           VALUES (3, 'f.csv', 'c'), (1, 'f.csv', 'a'), (2, 'f.csv', 'b'))");
    connection.execute("SET enable_indexscan = off");
    connection.execute("SET enable_bitmapscan = off");
    loader.fill_l1({std::string("f.csv")}, 0);
    EXPECT_EQ(column(R"(SELECT data_source_row_id || code FROM "test.loader"."L1" ORDER BY id)"),
              (std::vector<std::string>{"1a", "2b", "3c"}));
}

TEST_F(SourceLoaderTest, EmptyingRestartsIdsFromASequenceOfAnotherName) {
    // As the reference's tables are: ids from a sequence not named after the table.
    connection.execute(R"(CREATE SCHEMA "test.loader")");
    connection.execute(R"(CREATE SEQUENCE "test.loader"."L0_SEQUENCE")");
    connection.execute(
        R"(CREATE TABLE "test.loader"."L0" (id int PRIMARY KEY DEFAULT
           nextval('"test.loader"."L0_SEQUENCE"'), datafile_created text, code text))");
    loader.ensure_tables();
    connection.execute(R"(INSERT INTO "test.loader"."L0" (code) VALUES ('a'), ('b'))");
    connection.execute("BEGIN");
    loader.empty_tables();
    connection.execute(R"(INSERT INTO "test.loader"."L0" (code) VALUES ('c'))");
    connection.execute("COMMIT");
    EXPECT_EQ(column(R"(SELECT id || code FROM "test.loader"."L0")"),
              (std::vector<std::string>{"1c"}));
}

}  // namespace
}  // namespace dss::pipelines
