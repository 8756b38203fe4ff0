// The statements generated from source definitions: quoting and parameter numbering.
#include "pipelines/pipeline_sql.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dss::pipelines {
namespace {

using ::testing::HasSubstr;

SourceDefinition ons_like() {
    SourceDefinition source;
    source.id = source.schema = "ons.postcode_directory";
    source.kind = PipelineKind::l1_incremental;
    source.reader.parameters = {{"publication_date", "date", "month_year"}};
    source.l0_columns = {{"pcd", "text"}, {"dointr", "text"}};
    source.l1_columns = {{"pcd", "text", "", "pcd"},
                         {"dointr", "date", "to_date(dointr, 'YYYYMM')", "dointr"},
                         {"publication_date", "date", ":publication_date::date", ""}};
    return source;
}

TEST(PipelineSql, ProjectionNumbersFileParametersAfterTheFile) {
    auto sql = sql::project_l1(ons_like(), 3);
    EXPECT_THAT(sql, HasSubstr(R"(INSERT INTO "ons.postcode_directory"."L1")"));
    EXPECT_THAT(sql, HasSubstr(R"(SELECT id, "pcd", (to_date(dointr, 'YYYYMM')), ($2::date))"));
    // In L0 id order, so that the same files always give the same L1 ids.
    EXPECT_THAT(sql, HasSubstr("WHERE id > $3 AND datafile_created = $1 ORDER BY id"));
}

TEST(PipelineSql, StepTokensKeepLongerNamesAndCasts) {
    auto source = ons_like();
    source.l1_step =
        "INSERT INTO {L1} SELECT * FROM {L0} WHERE f = :file AND g = ':filename' "
        "AND h = x::file";
    auto sql = sql::l1_step(source);
    EXPECT_EQ(sql,
              R"(INSERT INTO "ons.postcode_directory"."L1" SELECT * FROM )"
              R"("ons.postcode_directory"."L0" WHERE f = $1 AND g = ':filename' AND h = x::file)");
}

}  // namespace
}  // namespace dss::pipelines
