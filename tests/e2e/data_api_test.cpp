// The data API through a real `dss serve`: every endpoint and error row of api.md, pagination,
// value types and hostile table names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/data_endpoints.hpp"
#include "api/pagination.hpp"
#include "api/table_catalogue.hpp"
#include "auth/hawk_client_directory.hpp"
#include "db/migrator.hpp"
#include "support/dss_server.hpp"
#include "support/hawk_session.hpp"
#include "support/test_database.hpp"

namespace dss::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const auth::HawkCredentials kFull{"full-client", "full-key-0123456789", "sha256"};
const auth::HawkCredentials kLimited{"limited-client", "limited-key-0123456789", "sha256"};

// ONS ids with gaps: 1, 4, 7, ... 73 (25 rows).
std::vector<int> ons_ids() {
    std::vector<int> ids;
    for (int id = 1; id <= 73; id += 3) ids.push_back(id);
    return ids;
}

void load_fixtures(db::Connection& connection) {
    db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
    auth::add_hawk_client(connection, {kFull, {"*"}}, "all scopes");
    auth::add_hawk_client(connection, {kLimited, {"list_ons_postcodes"}}, "ONS only");
    connection.execute_script(R"sql(
        INSERT INTO "dit.reference_postcodes"."L1" (data_source_row_id, postcode, local_authority_district_code,
            local_authority_district_name, region_name, date_of_introduction, date_of_termination)
        VALUES (1, 'AB10 1AA', 'S12000033', 'Aberdeen City', 'Scotland', '1980-01-01', NULL),
               (2, 'ZZ10 1ZZ', 'E09000001', 'City of London', 'London', '2001-06-01', '2020-01-01');
        INSERT INTO "dit.baci"."L1" (data_source_row_id, year, product_category, exporter, importer,
            trade_flow_value, quantity)
        VALUES (1, 2017, 10519, 4, 8, 12345678901234.123456789, NULL);
        CREATE SCHEMA "test.values";
        CREATE TABLE "test.values"."t" (id serial PRIMARY KEY, n int, big bigint, amount numeric(30, 10),
            ratio double precision, day date, moment timestamp, flag boolean, tags text[], note text,
            data_hash text, datafile_created text, datafile_updated text);
        INSERT INTO "test.values"."t" (n, big, amount, ratio, day, moment, flag, tags, note, data_hash)
        VALUES (NULL, 9007199254740993, 123456789012345678.0123456789, 1.5, '2019-05-01',
                '2019-05-01 10:20:30', true, '{a,"b c"}', 'say "hi"', 'h1'),
               (7, NULL, NULL, NULL, NULL, '2019-05-01 10:20:30.25', false, NULL, NULL, 'h2');
        CREATE TABLE "test.values"."no_id" (x int);
        CREATE TABLE "test.values"."only_id" (id serial PRIMARY KEY);
        INSERT INTO "test.values"."only_id" DEFAULT VALUES;
        INSERT INTO "test.values"."only_id" DEFAULT VALUES;
        CREATE TABLE "test.values"."empty" (id serial PRIMARY KEY, name text);
    )sql");
    for (int id : ons_ids()) {
        connection.execute(
            R"(INSERT INTO "ons.postcode_directory"."L1" (id, data_source_row_id, pcd, pcds, dointr,
                              publication_date) VALUES ($1, $1, $2, $2, '2019-01-01', '2019-05-01'))",
            id, "PC" + std::to_string(id));
    }
}

class DataApi : public ::testing::Test {
   protected:
    static void SetUpTestSuite() {
        database_ = new TestDatabase();
        auto connection = database_->connect();
        load_fixtures(connection);
        server_ = new DssServer(database_->url());
        small_pages_ = new DssServer(database_->url(), {{"DSS_PAGINATION_SIZE", "1"}});
        ten_pages_ = new DssServer(database_->url(), {{"DSS_PAGINATION_SIZE", "10"}});
    }
    static void TearDownTestSuite() {
        delete ten_pages_;
        delete small_pages_;
        delete server_;
        delete database_;
    }

    HawkSession full() { return {server_->port(), kFull}; }

    static TestDatabase* database_;
    static DssServer* server_;
    static DssServer* small_pages_;
    static DssServer* ten_pages_;
};

TestDatabase* DataApi::database_ = nullptr;
DssServer* DataApi::server_ = nullptr;
DssServer* DataApi::small_pages_ = nullptr;
DssServer* DataApi::ten_pages_ = nullptr;

TEST_F(DataApi, EveryListEndpointAnswersSignedJson) {
    auto session = full();
    for (const auto* path :
         {"/api/v1/get-dit-reference-postcodes/", "/api/v1/get-ons-postcodes/",
          "/api/v1/get-world-bank-tariffs/", "/api/v1/get-world-bank-tariffs/raw/",
          "/api/v1/get-world-bank-bound-rates/raw/", "/api/v1/get-dit-baci-data/"}) {
        auto result = session.get(path);
        ASSERT_EQ(result.reply.status, 200) << path << ": " << result.reply.body;
        EXPECT_TRUE(result.server_authorization_verified) << path;
        EXPECT_TRUE(result.json().contains("headers")) << path;
        EXPECT_TRUE(result.json().contains("next")) << path;
    }
}

TEST_F(DataApi, ReferencePostcodesUseCamelCaseWithoutIdOrHelpers) {
    auto page = full().get("/api/v1/get-dit-reference-postcodes/").json();
    auto headers = page["headers"].get<std::vector<std::string>>();
    EXPECT_EQ(headers.front(), "postcode");
    EXPECT_THAT(headers, ::testing::Contains("localAuthorityDistrictCode"));
    EXPECT_THAT(headers, ::testing::Contains("localEnterprisePartnershipLep1Code"));
    EXPECT_THAT(headers, ::testing::Not(::testing::Contains("id")));
    EXPECT_THAT(headers, ::testing::Not(::testing::Contains("dataSourceRowId")));
    EXPECT_EQ(headers.size(), 13U);
    ASSERT_EQ(page["values"].size(), 2U);
    EXPECT_EQ(page["values"][0][0], "AB10 1AA");
    EXPECT_EQ(page["values"][0].back(), nullptr);
    EXPECT_EQ(page["next"], nullptr);
}

TEST_F(DataApi, OnsPostcodesServeIdFirstWithStoredNames) {
    auto page = full().get("/api/v1/get-ons-postcodes/").json();
    auto headers = page["headers"].get<std::vector<std::string>>();
    ASSERT_GE(headers.size(), 52U);
    EXPECT_EQ(headers[0], "id");
    EXPECT_EQ(headers[1], "pcd");
    EXPECT_EQ(headers.back(), "publication_date");
    EXPECT_EQ(page["values"][0][0], 1);
    EXPECT_EQ(page["values"][0][4], "2019-01-01") << "dointr is a date";
}

std::vector<int> walk_ids(HawkSession session, const std::string& first,
                          const std::string& orientation, int expected_page_size, int& pages) {
    std::vector<int> ids;
    auto result = session.get(first);
    pages = 0;
    while (true) {
        EXPECT_EQ(result.reply.status, 200) << result.reply.body;
        EXPECT_TRUE(result.server_authorization_verified);
        auto page = result.json();
        auto& rows = orientation == "records" ? page["results"] : page["values"];
        EXPECT_LE(static_cast<int>(rows.size()), expected_page_size);
        for (const auto& row : rows)
            ids.push_back(orientation == "records" ? row["id"].get<int>() : row[0].get<int>());
        ++pages;
        if (page["next"].is_null() || pages > 100) break;
        auto next = page["next"].get<std::string>();
        EXPECT_THAT(next, HasSubstr("?orientation=" + orientation + "&next-id="));
        EXPECT_THAT(next, ::testing::StartsWith("http://127.0.0.1:"));
        result = session.get_url(next);
    }
    return ids;
}

TEST_F(DataApi, KeysetPaginationWalksEveryRowAcrossGapsInBothOrientations) {
    for (auto* server : {small_pages_, ten_pages_}) {
        int page_size = server == small_pages_ ? 1 : 10;
        for (const std::string orientation : {"tabular", "records"}) {
            int pages = 0;
            auto ids = walk_ids(HawkSession(server->port(), kFull),
                                "/api/v1/get-ons-postcodes/?orientation=" + orientation,
                                orientation, page_size, pages);
            EXPECT_EQ(ids, ons_ids()) << orientation << " page size " << page_size;
            EXPECT_EQ(pages, (25 + page_size - 1) / page_size) << orientation;
        }
    }
}

TEST_F(DataApi, NextIdStartsAPageAtThatId) {
    auto page = full().get("/api/v1/get-ons-postcodes/?next-id=70").json();
    ASSERT_EQ(page["values"].size(), 2U);
    EXPECT_EQ(page["values"][0][0], 70);
    EXPECT_EQ(page["values"][1][0], 73);
}

TEST_F(DataApi, RecordsOrientationUsesNamedFields) {
    auto page = full().get("/api/v1/get-dit-baci-data/?orientation=records").json();
    ASSERT_EQ(page["results"].size(), 1U);
    auto row = page["results"][0];
    EXPECT_EQ(row["year"], 2017);
    EXPECT_EQ(row["productCategory"], 10519);
    EXPECT_EQ(row["quantity"], nullptr);
    EXPECT_EQ(row.dump().find("id\""), std::string::npos);
    EXPECT_FALSE(page.contains("headers"));
}

TEST_F(DataApi, NumericKeepsItsDigits) {
    auto body = full().get("/api/v1/get-dit-baci-data/").reply.body;
    EXPECT_THAT(body, HasSubstr("12345678901234.123456789"));
}

TEST_F(DataApi, BadQueryParametersAre400WithTheContractMessages) {
    auto session = full();
    auto bad_id = session.get("/api/v1/get-ons-postcodes/?next-id=abc");
    EXPECT_EQ(bad_id.reply.status, 400);
    EXPECT_EQ(bad_id.json(), json({{"error", "next-id must be an integer"}}));
    EXPECT_TRUE(bad_id.server_authorization_verified) << "authenticated errors are signed too";
    // Integers the id column cannot hold are not ids either.
    for (const auto* id :
         {"2147483648", "9223372036854775807", "-2147483649", "99999999999999999999"}) {
        auto out_of_range = session.get(std::string("/api/v1/get-ons-postcodes/?next-id=") + id);
        EXPECT_EQ(out_of_range.reply.status, 400) << id;
        EXPECT_EQ(out_of_range.json(), json({{"error", "next-id must be an integer"}})) << id;
    }
    auto bad_orientation = session.get("/api/v1/get-ons-postcodes/?orientation=sideways");
    EXPECT_EQ(bad_orientation.reply.status, 400);
    EXPECT_EQ(bad_orientation.json(), json({{"error", "orientation must be tabular or records"}}));
}

TEST_F(DataApi, PostcodeLookupIgnoresCaseAndSpaces) {
    auto session = full();
    for (const auto* query : {"AB101AA", "ab10+1aa", "ab10%201aa%20%20", "%20A%20B101AA"}) {
        for (const auto* path :
             {"/api/v1/get-postcode-data/", "/api/v1/get-dit-reference-postcode/"}) {
            auto result = session.get(std::string(path) + "?postcode=" + query);
            ASSERT_EQ(result.reply.status, 200) << path << query;
            auto page = result.json();
            ASSERT_EQ(page["values"].size(), 1U) << query;
            EXPECT_EQ(page["values"][0][0], "AB10 1AA");
            EXPECT_FALSE(page.contains("next"));
        }
    }
    auto none = session.get("/api/v1/get-postcode-data/?postcode=XX99%209XX").json();
    EXPECT_EQ(none["values"], json::array());
    EXPECT_EQ(none["headers"].size(), 13U);
    auto missing = session.get("/api/v1/get-postcode-data/");
    EXPECT_EQ(missing.reply.status, 400);
    EXPECT_EQ(missing.json(), json({{"error", "No postcode specified"}}));
    EXPECT_EQ(session.get("/api/v1/get-postcode-data/?postcode=").reply.status, 400);
    for (const auto* path : {"/api/v1/get-postcode-data/", "/api/v1/get-dit-reference-postcode/"}) {
        for (const auto* hostile : {"%FF", "%C0%AF", "AB1%000AA"}) {
            auto bad = session.get(std::string(path) + "?postcode=" + hostile);
            EXPECT_EQ(bad.reply.status, 400) << path << hostile << bad.reply.body;
        }
    }
}

TEST_F(DataApi, PostcodeLookupUsesTheExpressionIndex) {
    auto connection = database_->connect();
    // The statement the endpoint itself runs, planned as if the table were large.
    auto table = api::describe_table(connection, "dit.reference_postcodes", "L1");
    ASSERT_TRUE(table);
    auto sql = api::single_row_sql(*table,
                                   api::served_columns(*table, api::ColumnSelection::data_columns,
                                                       api::ColumnNaming::camel_case),
                                   api::kPostcodeMatch);
    connection.execute("SET enable_seqscan = off");
    auto plan = connection.execute("EXPLAIN " + sql, "ab10 1aa");
    std::string text;
    for (int row = 0; row < plan.rows(); ++row) text += plan.get<std::string>(row, 0) + "\n";
    EXPECT_THAT(text, HasSubstr("ix_dit_reference_postcodes_L1_postcode_normalised")) << text;
}

TEST_F(DataApi, TableStructureListsColumnsWithSqlalchemyTypes) {
    auto result = full().get("/api/v1/table-structure/test.values/t");
    ASSERT_EQ(result.reply.status, 200) << result.reply.body;
    EXPECT_TRUE(result.server_authorization_verified);
    auto columns = result.json()["columns"];
    std::vector<std::pair<std::string, std::string>> listed;
    for (const auto& column : columns) listed.emplace_back(column["name"], column["type"]);
    std::vector<std::pair<std::string, std::string>> expected = {
        {"id", "INTEGER"},
        {"n", "INTEGER"},
        {"big", "BIGINT"},
        {"amount", "NUMERIC(30, 10)"},
        {"ratio", "DOUBLE PRECISION"},
        {"day", "DATE"},
        {"moment", "TIMESTAMP WITHOUT TIME ZONE"},
        {"flag", "BOOLEAN"},
        {"tags", "TEXT[]"},
        {"note", "TEXT"}};
    EXPECT_EQ(listed, expected);
}

TEST_F(DataApi, TableDataServesEveryValueType) {
    auto result = full().get("/api/v1/table-data/test.values/t");
    ASSERT_EQ(result.reply.status, 200) << result.reply.body;
    auto page = result.json();
    EXPECT_EQ(page["headers"],
              json({"id", "n", "big", "amount", "ratio", "day", "moment", "flag", "tags", "note"}));
    auto first = page["values"][0];
    EXPECT_EQ(first[1], nullptr) << "NULL integer stays null, not NaN";
    EXPECT_THAT(result.reply.body, HasSubstr("9007199254740993")) << "bigint keeps every digit";
    EXPECT_THAT(result.reply.body, HasSubstr("123456789012345678.0123456789"));
    EXPECT_EQ(first[4], 1.5);
    EXPECT_EQ(first[5], "2019-05-01");
    EXPECT_EQ(first[6], "2019-05-01T10:20:30");
    EXPECT_EQ(first[7], true);
    EXPECT_EQ(first[8], json({"a", "b c"}));
    EXPECT_EQ(first[9], "say \"hi\"");
    auto second = page["values"][1];
    EXPECT_EQ(second[1], 7);
    EXPECT_EQ(second[6], "2019-05-01T10:20:30.25");
    EXPECT_EQ(second[8], nullptr);
}

TEST_F(DataApi, TableWithOneColumnServesAFlatList) {
    auto page = full().get("/api/v1/table-data/test.values/only_id").json();
    EXPECT_EQ(page["headers"], json({"id"}));
    EXPECT_EQ(page["values"], json({1, 2}));
}

TEST_F(DataApi, EmptyTableStillListsHeaders) {
    auto page = full().get("/api/v1/table-data/test.values/empty?orientation=records").json();
    EXPECT_EQ(page["results"], json::array());
    EXPECT_EQ(page["next"], nullptr);
    auto tabular = full().get("/api/v1/table-data/test.values/empty").json();
    EXPECT_EQ(tabular["headers"], json({"id", "name"}));
    EXPECT_EQ(tabular["values"], json::array());
}

TEST_F(DataApi, TableWithoutIdIs422) {
    auto result = full().get("/api/v1/table-data/test.values/no_id");
    EXPECT_EQ(result.reply.status, 422);
    EXPECT_EQ(result.json(), json({{"error", "The table must have an id column"}}));
}

TEST_F(DataApi, ExcludedAndUnknownAndHostileNamesAre404NeverA500) {
    auto session = full();
    std::vector<std::string> paths = {
        "/api/v1/table-structure/operations/datafile_registry",
        "/api/v1/table-data/operations/datafile_registry", "/api/v1/table-data/public/hawk_users",
        "/api/v1/table-data/pg_catalog/pg_class", "/api/v1/table-data/information_schema/tables",
        "/api/v1/table-data/admin/anything", "/api/v1/table-data/pg_temp_3/t",
        "/api/v1/table-data/pg_toast_temp_3/t", "/api/v1/table-data/test.values/missing",
        "/api/v1/table-structure/nowhere/t",
        "/api/v1/table-data/x%22%3B%20drop%20table%20y%3B%20--/t",
        "/api/v1/table-data/test.values/t%22%3B%20drop%20table%20y%3B%20--",
        "/api/v1/table-data/../t", "/api/v1/table-data/test.values/..",
        "/api/v1/table-data/%C3%A9t%C3%A9/%E2%9C%93", "/api/v1/table-data/test.values/%00",
        // A NUL would cut the schema to the excluded "public" (issue 8, item 12).
        "/api/v1/table-structure/public%00/hawk_users", "/api/v1/table-data/public%00/hawk_users",
        "/api/v1/table-data/public%00x/hawk_users", "/api/v1/table-data/test.values%0A/t",
        // Invalid UTF-8: a byte that never starts a character, and an overlong '/'.
        "/api/v1/table-data/%FF/t", "/api/v1/table-structure/test.values/%C0%AF",
        "/api/v1/table-data/test.values/%C0%AF",
        "/api/v1/table-data/" + std::string(300, 's') + "/" + std::string(300, 't')};
    for (const auto& path : paths) {
        auto result = session.get(path);
        EXPECT_EQ(result.reply.status, 404) << path << " -> " << result.reply.body;
        if (result.reply.status == 404 && result.reply.body != R"({"error":"not found"})") {
            EXPECT_EQ(result.reply.body, "{}") << path;
        }
    }
    auto connection = database_->connect();
    EXPECT_EQ(connection.execute(R"(SELECT count(*) FROM "test.values"."t")").get<int>(0, 0), 2);
}

TEST_F(DataApi, UnauthenticatedCallersLearnNothing) {
    HttpConnection plain(server_->port());
    for (const auto* path : {"/api/v1/get-ons-postcodes/", "/api/v1/table-data/test.values/t",
                             "/api/v1/table-data/nowhere/missing"}) {
        auto reply = plain.get(path);
        EXPECT_EQ(reply.status, 401) << path;
        EXPECT_EQ(reply.body, "");
        EXPECT_EQ(reply.headers["www-authenticate"], "Hawk");
    }
}

TEST_F(DataApi, MalformedHeaderIs400WithTheReason) {
    HttpConnection plain(server_->port());
    auto reply =
        plain.get("/api/v1/get-ons-postcodes/", {{"Authorization", R"(Hawk id="x", ts="1")"}});
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(json::parse(reply.body), json({{"error", "Missing attributes"}}));
}

TEST_F(DataApi, ScopeLimitsTheEndpointsAClientMayCall) {
    HawkSession limited(server_->port(), kLimited);
    EXPECT_EQ(limited.get("/api/v1/get-ons-postcodes/").reply.status, 200);
    auto refused = limited.get("/api/v1/get-dit-baci-data/");
    EXPECT_EQ(refused.reply.status, 401);
    EXPECT_EQ(refused.reply.body, "");
    EXPECT_EQ(limited.get("/api/v1/table-data/test.values/t").reply.status, 401);
}

TEST_F(DataApi, ATableRebuiltBetweenPagesIsServedWithItsNewColumns) {
    auto connection = database_->connect();
    connection.execute_script(
        R"(CREATE TABLE "test.values"."rebuilt" (id serial PRIMARY KEY, old_name text);
                                 INSERT INTO "test.values"."rebuilt" (old_name) VALUES ('a');)");
    auto session = full();
    EXPECT_EQ(session.get("/api/v1/table-data/test.values/rebuilt").json()["headers"],
              json({"id", "old_name"}));
    connection.execute_script(R"(DROP TABLE "test.values"."rebuilt";
                                 CREATE TABLE "test.values"."rebuilt" (id serial PRIMARY KEY, new_name text);
                                 INSERT INTO "test.values"."rebuilt" (new_name) VALUES ('b');)");
    auto after = session.get("/api/v1/table-data/test.values/rebuilt");
    ASSERT_EQ(after.reply.status, 200) << after.reply.body;
    EXPECT_EQ(after.json()["headers"], json({"id", "new_name"}));
    EXPECT_EQ(after.json()["values"], json({{1, "b"}}));
}

TEST_F(DataApi, ATableRecreatedWithTheSameNamesAndOtherTypesIsServedAsValidJson) {
    auto connection = database_->connect();
    connection.execute_script(
        R"(CREATE TABLE "test.values"."retyped" (id serial PRIMARY KEY, v integer, w text);
           INSERT INTO "test.values"."retyped" (v, w) VALUES (1, 'x');)");
    auto session = full();
    ASSERT_EQ(session.get("/api/v1/table-data/test.values/retyped").json()["values"],
              json({{1, 1, "x"}}));
    // Same names, other types, within the cache's lifetime.
    connection.execute_script(
        R"(DROP TABLE "test.values"."retyped";
           CREATE TABLE "test.values"."retyped" (id serial PRIMARY KEY, v text, w text[]);
           INSERT INTO "test.values"."retyped" (v, w) VALUES ('not a number', '{a,b}');)");
    auto after = session.get("/api/v1/table-data/test.values/retyped");
    ASSERT_EQ(after.reply.status, 200) << after.reply.body;
    EXPECT_EQ(after.json()["values"], json({{1, "not a number", json({"a", "b"})}}));
}

TEST_F(DataApi, HealthcheckNeedsNoAuthentication) {
    EXPECT_EQ(http_get(server_->port(), "/healthcheck").status, 200);
}

TEST(DataApiSwitches, HawkCanBeDisabledAndResponseSigningSwitchedOff) {
    TestDatabase database;
    auto connection = database.connect();
    load_fixtures(connection);
    DssServer open(database.url(), {{"DSS_HAWK_ENABLED", "False"}});
    EXPECT_EQ(http_get(open.port(), "/api/v1/get-ons-postcodes/").status, 200);
    DssServer unsigned_server(database.url(), {{"DSS_HAWK_RESPONSE_HEADER", "False"}});
    auto reply = HawkSession(unsigned_server.port(), kFull).get("/api/v1/get-ons-postcodes/");
    EXPECT_EQ(reply.reply.status, 200);
    EXPECT_EQ(reply.reply.headers.count("server-authorization"), 0U);
}

}  // namespace
}  // namespace dss::test
