// Uploads never take a source's schema or folder, nor a name PostgreSQL keeps for itself.
#include "uploader/reserved_names.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/child_process.hpp"

namespace dss::uploader {
namespace {

using ::testing::HasSubstr;

pipelines::SourceDefinition source_at(const std::string& id, const std::string& sub_directory) {
    pipelines::SourceDefinition source;
    source.id = id;
    source.schema = id;
    source.sub_directory = sub_directory;
    return source;
}

std::vector<pipelines::SourceDefinition> shipped_sources() {
    return pipelines::load_source_definitions(test::source_directory() / "config" / "sources");
}

TEST(ReservedNames, EveryShippedSourceIsReservedUnderItsOwnNames) {
    auto sources = shipped_sources();
    ASSERT_EQ(sources.size(), 9U);
    ReservedNames reserved(sources, "datasets", "uploads");
    for (const auto& source : sources) {
        auto dot = source.schema.find('.');
        ASSERT_NE(dot, std::string::npos) << source.schema;
        auto refusal =
            reserved.refusal(source.schema.substr(0, dot), source.schema.substr(dot + 1));
        ASSERT_TRUE(refusal) << source.id;
        EXPECT_EQ(refusal->field, "dataset");
        EXPECT_THAT(refusal->message, HasSubstr("the " + source.id + " source"));
    }
}

TEST(ReservedNames, OtherNamesOfTheSameOrganisationAreFree) {
    ReservedNames reserved(shipped_sources(), "datasets", "uploads");
    EXPECT_FALSE(reserved.refusal("world_bank", "tariffs_2024"));
    EXPECT_FALSE(reserved.refusal("dit", "trade_data"));
    EXPECT_FALSE(reserved.refusal("dit_baci", "extra"));
}

TEST(ReservedNames, PostgresqlsOwnSchemaPrefixIsRefused) {
    ReservedNames reserved({}, "datasets", "uploads");
    auto refusal = reserved.refusal("pg_stats", "anything");
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->field, "organisation");
    EXPECT_THAT(refusal->message, HasSubstr("pg_"));
    EXPECT_FALSE(reserved.refusal("pgstats", "anything"));
}

TEST(ReservedNames, AFolderInsideOrAroundASourcesFolderIsRefusedWhateverTheSchema) {
    ReservedNames reserved(
        {source_at("ons.everything", "ons"), source_at("hmrc.deep", "hmrc/trade/monthly")},
        "/datasets/", "uploads");
    // datasets/ons/postcodes lies inside the source's datasets/ons.
    EXPECT_TRUE(reserved.refusal("ons", "postcodes"));
    // datasets/hmrc/trade holds the source's folder.
    EXPECT_TRUE(reserved.refusal("hmrc", "trade"));
    EXPECT_FALSE(reserved.refusal("hmrc", "trade_monthly"));
    EXPECT_FALSE(reserved.refusal("onsx", "postcodes"));
}

TEST(ReservedNames, TheFolderOfRawUploadsCountsToo) {
    auto source = source_at("staff.copies", "staff/dit/baci");
    // Raw uploads go to {upload_folder}/dit/baci, here datasets/staff/dit/baci: the source's
    // folder, though the processed copy (datasets/dit/baci) would not be.
    ReservedNames reserved({source}, "datasets", "datasets/staff");
    EXPECT_TRUE(reserved.refusal("dit", "baci"));
    EXPECT_FALSE(ReservedNames({source}, "datasets", "uploads").refusal("dit", "baci"));
}

}  // namespace
}  // namespace dss::uploader
