// PostgreSQL text values written as JSON: digits kept, dates and timestamps as ISO strings.
#include "api/json_values.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/table_catalogue.hpp"

namespace dss::api {
namespace {

constexpr Oid kInt4 = 23, kNumeric = 1700, kText = 25, kDate = 1082, kTimestamp = 1114, kBool = 16,
              kTextArray = 1009, kFloat8 = 701;

std::string value(Oid type, std::string_view text, bool is_null = false) {
    std::string out;
    append_json_value(out, json_format_for(type), text, is_null);
    return out;
}

TEST(JsonValues, NumbersKeepEveryDigit) {
    EXPECT_EQ(value(kInt4, "-42"), "-42");
    EXPECT_EQ(value(kNumeric, "12345678901234567890.000000001"), "12345678901234567890.000000001");
    EXPECT_EQ(value(kFloat8, "1e+16"), "1e+16");
    EXPECT_EQ(value(kNumeric, "NaN"), "null");
}

TEST(JsonValues, NullIsNullWhateverTheType) {
    EXPECT_EQ(value(kInt4, "", true), "null");
    EXPECT_EQ(value(kText, "", true), "null");
}

TEST(JsonValues, DatesAndTimestampsAreIsoStrings) {
    EXPECT_EQ(value(kDate, "2019-05-01"), R"("2019-05-01")");
    EXPECT_EQ(value(kTimestamp, "2019-05-01 10:20:30"), R"("2019-05-01T10:20:30")");
    EXPECT_EQ(value(kTimestamp, "2019-05-01 10:20:30.25"), R"("2019-05-01T10:20:30.25")");
}

TEST(JsonValues, BooleansAndArraysAndText) {
    EXPECT_EQ(value(kBool, "t"), "true");
    EXPECT_EQ(value(kBool, "f"), "false");
    EXPECT_TRUE(needs_to_json(kTextArray)) << "arrays are converted by PostgreSQL's to_json";
    EXPECT_EQ(value(kTextArray, R"(["a","b"])"), R"(["a","b"])");
    auto text = value(kText, "quote \" backslash \\ newline \n tab \t bell \x07 é");
    EXPECT_EQ(nlohmann::json::parse(text).get<std::string>(),
              "quote \" backslash \\ newline \n tab \t bell \x07 é");
}

TEST(TableStructureTypeNames, UseSqlalchemySpellings) {
    EXPECT_EQ(sqlalchemy_type_name("integer"), "INTEGER");
    EXPECT_EQ(sqlalchemy_type_name("bigint"), "BIGINT");
    EXPECT_EQ(sqlalchemy_type_name("text"), "TEXT");
    EXPECT_EQ(sqlalchemy_type_name("character varying(12)"), "VARCHAR(12)");
    EXPECT_EQ(sqlalchemy_type_name("character varying"), "VARCHAR");
    EXPECT_EQ(sqlalchemy_type_name("timestamp without time zone"), "TIMESTAMP WITHOUT TIME ZONE");
    EXPECT_EQ(sqlalchemy_type_name("timestamp(3) without time zone"),
              "TIMESTAMP WITHOUT TIME ZONE");
    EXPECT_EQ(sqlalchemy_type_name("timestamp with time zone"), "TIMESTAMP WITH TIME ZONE");
    EXPECT_EQ(sqlalchemy_type_name("timestamp without time zone[]"),
              "TIMESTAMP WITHOUT TIME ZONE[]");
    EXPECT_EQ(sqlalchemy_type_name("numeric(10,2)"), "NUMERIC(10, 2)");
    EXPECT_EQ(sqlalchemy_type_name("numeric"), "NUMERIC");
    EXPECT_EQ(sqlalchemy_type_name("double precision"), "DOUBLE PRECISION");
    EXPECT_EQ(sqlalchemy_type_name("text[]"), "TEXT[]");
    EXPECT_EQ(sqlalchemy_type_name("jsonb"), "JSONB");
    EXPECT_EQ(sqlalchemy_type_name("uuid"), "UUID");
}

TEST(ExcludedSchemas, CoverSystemBookkeepingAndEveryTempSchema) {
    for (const auto* schema :
         {"pg_toast", "pg_catalog", "public", "information_schema", "operations", "admin",
          "pg_temp_1", "pg_temp_42", "pg_toast_temp_7"}) {
        EXPECT_TRUE(is_excluded_schema(schema)) << schema;
    }
    EXPECT_FALSE(is_excluded_schema("dit.baci"));
    EXPECT_FALSE(is_excluded_schema("spire"));
}

}  // namespace
}  // namespace dss::api
