// dss ingest end to end on local storage: the binding decisions of pipelines.md that apply to
// the CSV sources defined so far (BACI, reference postcodes, World Bank tariff raw).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <thread>
#include <tuple>

#include "db/migrator.hpp"
#include "db/transaction.hpp"
#include "storage/local_storage.hpp"
#include "storage/make_storage.hpp"
#include "storage/s3_storage.hpp"
#include "support/child_process.hpp"
#include "support/ingest_fixture.hpp"
#include "support/s3rver.hpp"
#include "support/test_database.hpp"
#include "support/zip_maker.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;

std::string onspd_csv(const std::vector<std::array<std::string, 3>>& rows);

TEST_F(Ingest, BaciLoadsL0AndL1AndSkipsProcessedFiles) {
    add_file("dit/baci/BACI_HS92_Y1995.csv",
             std::string(kBaciHeader) +
                 "1995,010519,004,251,1.548,0.051\n1995,30110,4,381,1.249,0.01\n");
    auto first = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(first.exit_status, 0) << first.out << first.err;
    EXPECT_THAT(first.out, HasSubstr("dit.baci: 1 processed, 0 skipped, 0 failed, 2 rows added"));
    EXPECT_EQ(
        rows(
            R"(SELECT year, product_category, exporter, importer, trade_flow_value, quantity FROM "dit.baci"."L1" ORDER BY id)"),
        (std::vector<std::string>{"1995|10519|4|251|1.548|0.051", "1995|30110|4|381|1.249|0.01"}));
    EXPECT_EQ(
        rows(
            R"(SELECT l1.data_source_row_id = l0.id, l0.datafile_created FROM "dit.baci"."L1" l1 JOIN "dit.baci"."L0" l0 ON l0.id = l1.data_source_row_id ORDER BY l1.id)"),
        (std::vector<std::string>{"t|BACI_HS92_Y1995.csv", "t|BACI_HS92_Y1995.csv"}));
    EXPECT_EQ(registry("BACI_HS92_Y1995.csv"), "processed|");

    auto again = dss({"ingest", "--source", "dit.baci"});
    EXPECT_THAT(again.out, HasSubstr("0 processed, 1 skipped, 0 failed, 0 rows added"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L0")"), (std::vector<std::string>{"2"}));
}

TEST_F(Ingest, AFailureInTheMiddleOfAFileLeavesEverythingAsItWas) {
    add_file("dit/baci/good.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n");
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    add_file("dit/baci/bad.csv",
             std::string(kBaciHeader) + "1996,1,4,251,1.5,0.1\n1996,abc,4,251,1.5,0.1\n");
    auto failed = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(failed.exit_status, 1);
    EXPECT_THAT(failed.out, HasSubstr("failed bad.csv: datasets/dit/baci/bad.csv: invalid input "
                                      "syntax for type integer: \"abc\""));
    EXPECT_THAT(failed.out, HasSubstr("line 3, column hs6"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L0")"), (std::vector<std::string>{"1"}));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L1")"), (std::vector<std::string>{"1"}));
    EXPECT_THAT(registry("bad.csv"),
                ::testing::StartsWith("failed|datasets/dit/baci/bad.csv: invalid input syntax"));

    // Fixed and run again: loaded once, error cleared, no duplicates of either file.
    add_file("dit/baci/bad.csv",
             std::string(kBaciHeader) + "1996,1,4,251,1.5,0.1\n1996,2,4,251,1.5,0.1\n");
    auto fixed = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(fixed.exit_status, 0) << fixed.out;
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L0")"), (std::vector<std::string>{"3"}));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L1")"), (std::vector<std::string>{"3"}));
    EXPECT_EQ(registry("bad.csv"), "processed|");
    // The failed attempt used up ids; every L1 row still points at its own L0 row.
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L1" l1 JOIN "dit.baci"."L0" l0
                      ON l0.id = l1.data_source_row_id
                      WHERE l1.year = l0.t AND l1.product_category = l0.hs6)"),
              (std::vector<std::string>{"3"}));
}

TEST_F(Ingest, ConcurrentRunsLoadAFileOnce) {
    add_file("dit/baci/a.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n");
    // Hold the source's lock so that both runs list the file as new and then queue for it.
    auto holder = hold_source_lock("dit.baci");
    EnvironmentOverrides environment{{"DSS_DATABASE_URL", database.url()},
                                     {"S3_BUCKET_URL", storage.path().string()}};
    ChildProcess first({dss_binary(), "ingest", "--source", "dit.baci"}, environment);
    ChildProcess second({dss_binary(), "ingest", "--source", "dit.baci"}, environment);
    ASSERT_EQ(wait_for_lock_waiters(2), 2);
    holder->commit();
    ASSERT_EQ(first.wait_for_exit(std::chrono::seconds(30)), 0) << first.standard_error();
    ASSERT_EQ(second.wait_for_exit(std::chrono::seconds(30)), 0) << second.standard_error();
    auto outputs = first.standard_output() + second.standard_output();
    EXPECT_THAT(outputs, HasSubstr("dit.baci: 1 processed, 0 skipped"));
    EXPECT_THAT(outputs, HasSubstr("dit.baci: 0 processed, 1 skipped"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L0")"), (std::vector<std::string>{"1"}));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L1")"), (std::vector<std::string>{"1"}));
}

TEST_F(Ingest, ForceRebuildsFromAllFiles) {
    for (int year : {1995, 1996, 1997}) {
        add_file("dit/baci/" + std::to_string(year) + ".csv",
                 std::string(kBaciHeader) + std::to_string(year) + ",1,4,251,1.5,0.1\n");
    }
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    auto forced = dss({"ingest", "--source", "dit.baci", "--force"});
    EXPECT_EQ(forced.exit_status, 0) << forced.out;
    EXPECT_EQ(rows(R"(SELECT year FROM "dit.baci"."L1" ORDER BY id)"),
              (std::vector<std::string>{"1995", "1996", "1997"}));
    EXPECT_EQ(rows(R"(SELECT min(id) FROM "dit.baci"."L0")"), (std::vector<std::string>{"1"}));
}

TEST_F(Ingest, ReadersSeeTheOldRowsWhileARebuildRuns) {
    add_file("dit/baci/a.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n");
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    // Hold a.csv's registry row: the rebuild stops there, with the tables already emptied and
    // a.csv loaded again inside its transaction.
    db::Transaction holder(connection);
    connection.execute(
        "SELECT 1 FROM operations.datafile_registry WHERE file_name = 'a.csv' FOR UPDATE");
    ChildProcess rebuild(
        {dss_binary(), "ingest", "--source", "dit.baci", "--force"},
        {{"DSS_DATABASE_URL", database.url()}, {"S3_BUCKET_URL", storage.path().string()}});
    auto reader = database.connect();
    auto waiting = [&] {
        return reader
            .execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND query LIKE '%datafile_registry%'")
            .get<long>(0, 0);
    };
    for (int i = 0; i < 500 && waiting() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_EQ(waiting(), 1);
    // A reader is neither blocked (TRUNCATE would block it) nor shown a half-built table.
    reader.execute("SET statement_timeout = '2s'");
    EXPECT_EQ(reader.execute(R"(SELECT year FROM "dit.baci"."L1")").get<std::string>(0, 0), "1995");
    holder.commit();
    ASSERT_EQ(rebuild.wait_for_exit(std::chrono::seconds(30)), 0) << rebuild.standard_output();
    EXPECT_EQ(rows(R"(SELECT id, year FROM "dit.baci"."L1")"),
              (std::vector<std::string>{"1|1995"}));
}

TEST_F(Ingest, AFailedRebuildKeepsTheOldTables) {
    add_file("dit/baci/a.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n");
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    add_file("dit/baci/b.csv", std::string(kBaciHeader) + "oops\n");
    auto forced = dss({"ingest", "--source", "dit.baci", "--force"});
    EXPECT_EQ(forced.exit_status, 1);
    EXPECT_EQ(rows(R"(SELECT year FROM "dit.baci"."L1")"), (std::vector<std::string>{"1995"}));
    // The next plain run: a.csv is still known as loaded, so it is not loaded a second time.
    auto next = dss({"ingest", "--source", "dit.baci"});
    EXPECT_THAT(next.out, HasSubstr("0 processed, 1 skipped, 1 failed"));
    EXPECT_EQ(rows(R"(SELECT year FROM "dit.baci"."L1")"), (std::vector<std::string>{"1995"}));
}

TEST_F(Ingest, QuotedEmptyIsNullAndEscapedQuotesSurvive) {
    add_file("dit/reference_postcodes/postcodes.csv",
             "Postcode,LAD code,LAD name,LEP1 code,LEP1 name,LEP2 code,LEP2 name,Region "
             "code,Region name,Easting,Northing,Intro,Term\n"
             "\"AB10 1AA\",\"S12000033\",\"Aberdeen "
             "\"\"City\"\"\",\"S99999999\",\"\",,\"\",\"S99999999\",\"Scotland\",\"394251\","
             "\"0806376\",\"2011-09-01\",\"\"\n");
    auto result = dss({"ingest", "--source", "dit.reference_postcodes"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(
        rows(
            R"(SELECT local_authority_district_name, local_enterprise_partnership_lep1_name, local_enterprise_partnership_lep2_code, date_of_termination FROM "dit.reference_postcodes"."L1")"),
        (std::vector<std::string>{"Aberdeen \"City\"|NULL|NULL|NULL"}));
}

TEST_F(Ingest, SnapshotsAddOnlyRowsNotSeenBefore) {
    std::string header = "Postcode,a,b,c,d,e,f,g,h,i,j,k,l\n";
    std::string first_row = "AB10 1AA,S1,Aberdeen,,,,,S9,Scotland,1,2,2011-09-01,\n";
    add_file("dit/reference_postcodes/may.csv", header + first_row + first_row);
    ASSERT_EQ(dss({"ingest", "--source", "dit.reference_postcodes"}).exit_status, 0);
    add_file("dit/reference_postcodes/june.csv",
             header + first_row + "HU4 7SW,E06,East Riding,,,,,E12,Yorkshire,5,4,1980-01-01,\n");
    auto second = dss({"ingest", "--source", "dit.reference_postcodes"});
    EXPECT_THAT(second.out, HasSubstr("1 processed, 1 skipped, 0 failed, 1 rows added"));
    EXPECT_EQ(
        rows(
            R"(SELECT postcode, datafile_created, datafile_updated FROM "dit.reference_postcodes"."L0" ORDER BY id)"),
        (std::vector<std::string>{"AB10 1AA|may.csv|june.csv", "HU4 7SW|june.csv|june.csv"}));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.reference_postcodes"."L1")"),
              (std::vector<std::string>{"2"}));
}

TEST_F(Ingest, SnapshotRowsTakeIdsInTheOrderOfTheirColumns) {
    // As the reference's DISTINCT ON left them: readers page through the rows in this order.
    add_file("dit/reference_postcodes/unsorted.csv",
             "Postcode,a,b,c,d,e,f,g,h,i,j,k,l\n"
             "HU4 7SW,E06,East Riding,,,,,E12,Yorkshire,5,4,1980-01-01,\n"
             "AB10 1AA,S1,Aberdeen,,,,,S9,Scotland,1,2,2011-09-01,\n"
             "CF10 1AA,W06,Cardiff,,,,,W9,Wales,3,3,1990-01-01,\n");
    ASSERT_EQ(dss({"ingest", "--source", "dit.reference_postcodes"}).exit_status, 0);
    EXPECT_EQ(rows(R"(SELECT postcode FROM "dit.reference_postcodes"."L0" ORDER BY id)"),
              (std::vector<std::string>{"AB10 1AA", "CF10 1AA", "HU4 7SW"}));
    EXPECT_EQ(rows(R"(SELECT postcode FROM "dit.reference_postcodes"."L1" ORDER BY id)"),
              (std::vector<std::string>{"AB10 1AA", "CF10 1AA", "HU4 7SW"}));
}

TEST_F(Ingest, BadFilesAreClearErrorsNamingFileAndLine) {
    add_file("dit/baci/columns.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5\n");
    add_file("dit/baci/empty.csv", "");
    add_file("dit/baci/latin1.csv",
             std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n\xff\xfe,1,4,251,1.5,0.1\n");
    add_file("dit/baci/sub/.DS_Store", "binary junk");
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("0 processed, 0 skipped, 3 failed"));
    EXPECT_THAT(
        result.out,
        HasSubstr(
            "failed columns.csv: datasets/dit/baci/columns.csv: missing data for column \"q\""));
    EXPECT_THAT(result.out, HasSubstr("line 2"));
    EXPECT_THAT(result.out,
                HasSubstr("failed empty.csv: datasets/dit/baci/empty.csv: the file is empty"));
    EXPECT_THAT(result.out, HasSubstr("failed latin1.csv: datasets/dit/baci/latin1.csv: invalid "
                                      "byte sequence for encoding \"UTF8\""));
    EXPECT_THAT(result.out, ::testing::Not(HasSubstr(".DS_Store")));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L0")"), (std::vector<std::string>{"0"}));
}

TEST_F(Ingest, ByteOrderMarkIsNotData) {
    add_file("world_bank/tariff/tariff.csv",
             "\xEF\xBB\xBFReporter_ISO_N,Year,ProductCode,Partner_ISO_N,DutyType,SimpleAverage,Nbr_"
             "Total_Lines\n"
             "4, 1999,\"0201\",0,AHS,12.5,3\n");
    auto result = dss({"ingest", "--source", "world_bank.tariff"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(
        rows(
            R"(SELECT reporter, year, product, partner, duty_type, simple_average, number_of_total_lines, datafile_created FROM "world_bank.tariff"."L0")"),
        (std::vector<std::string>{"4|1999|201|0|AHS|12.5|3|tariff.csv"}));
}

TEST_F(Ingest, ComtradeIsWindows1252UnlessItHasAByteOrderMark) {
    std::string header =
        "ctyCode,cty Name English,cty Fullname English,Cty Abbreviation,Cty Comments,"
        "ISO2-digit Alpha,ISO3-digit Alpha,Start Valid Year,End Valid Year\r";
    // CR-only line endings, as the reference's fixture; 0xF4 is ô in windows-1252.
    add_file("comtrade/country_code_and_iso/legacy.csv",
             header + "384,C\xF4te d'Ivoire,C\xF4te d'Ivoire,C\xF4te d'Ivoire,,CI,CIV,1962,2061\r");
    add_file(
        "comtrade/country_code_and_iso/modern.csv",
        "\xEF\xBB\xBF" + header +
            "899,\"Areas, nes\",\"Areas, not elsewhere specified\",\"Areas, nes\",,,,1962,2061\r"
            "531,Cura\xC3\xA7"
            "ao,Cura\xC3\xA7"
            "ao,Cura\xC3\xA7"
            "ao,,CW,CUW,2011,2061\r");
    auto result = dss({"ingest", "--source", "comtrade.country_code_and_iso"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(
        rows(
            R"(SELECT cty_code, cty_name_english, coalesce(iso2_digit_alpha, 'NULL') FROM "comtrade.country_code_and_iso"."L1" ORDER BY cty_code)"),
        (std::vector<std::string>{"384|C\xC3\xB4te d'Ivoire|CI",
                                  "531|Cura\xC3\xA7"
                                  "ao|CW",
                                  "899|Areas, nes|NULL"}));
}

TEST_F(Ingest, TheSameFilesFromS3GiveTheSameTables) {
    std::string baci =
        std::string(kBaciHeader) + "1995,010519,004,251,1.548,0.051\n1995,30110,4,381,1.249,0.01\n";
    auto ons = onspd_csv({{"AB1 0AA", "198001", ""}, {"AB1 0AB", "198001", "199606"}});
    add_file("dit/baci/baci.csv", baci);
    auto zip = storage.path() / "datasets/ons/postcode_directory/ONSPD_MAY_2019_UK.zip";
    std::filesystem::create_directories(zip.parent_path());
    write_zip(zip, {{"Data/ONSPD_MAY_2019_UK.csv", ons}});
    ASSERT_EQ(dss({"ingest", "--all"}).exit_status, 0);

    S3rver server;
    storage::S3Settings settings =
        storage::S3Settings::from_url("s3://" + server.bucket() + "/root");
    settings.endpoint_url = server.endpoint();
    settings.access_key_id = S3rver::kAccessKey;
    settings.secret_access_key = S3rver::kSecretKey;
    storage::S3Storage s3(settings);
    for (const auto& entry : storage::LocalStorage(storage.path()).list("datasets")) {
        storage::copy_file(storage::LocalStorage(storage.path()), entry.name, s3, entry.name);
    }
    TestDatabase other;
    {
        auto migrate = other.connect();
        db::Migrator(migrate, db::parse_migrations(db::embedded_migrations())).upgrade();
    }
    auto from_s3 = run_command({dss_binary(), "ingest", "--all"},
                               {{"DSS_DATABASE_URL", other.url()},
                                {"S3_BUCKET_URL", "s3://" + server.bucket() + "/root"},
                                {"S3_ENDPOINT_URL", server.endpoint()},
                                {"AWS_ACCESS_KEY_ID", S3rver::kAccessKey},
                                {"AWS_SECRET_ACCESS_KEY", S3rver::kSecretKey},
                                // Spelt with slashes: the same folder (issue 8, item 6).
                                {"DATASETS_FOLDER", "/datasets/"}});
    EXPECT_EQ(from_s3.exit_status, 0) << from_s3.out << from_s3.err;
    auto other_connection = other.connect();
    for (const auto* table :
         {R"("dit.baci"."L0")", R"("dit.baci"."L1")", R"("ons.postcode_directory"."L0")",
          R"("ons.postcode_directory"."L1")"}) {
        auto query =
            std::string("SELECT string_agg(t::text, ';' ORDER BY id) FROM ") + table + " t";
        EXPECT_EQ(connection.execute(query).text(0, 0), other_connection.execute(query).text(0, 0))
            << table;
        EXPECT_FALSE(connection.execute(query).is_null(0, 0)) << table;
    }
}

TEST_F(Ingest, BoundRatesKeepTheHighestRevisionByNumber) {
    std::string header = "NomenCode,Reporter_ISO_N,ProductCode,BoundRate,Nbr_Total_Lines\n";
    add_file("world_bank/bound_rates/rates.csv", header +
                                                     "\"H0\",\"4\",\"10111\",\"10\",\"2\"\n"
                                                     "\"H9\",\"4\",\"10111\",\"5\",\"2\"\n"
                                                     "\"H10\",\"4\",\"10111\",\"7\",\"2\"\n"
                                                     "\"H1\",\"8\",\"20222\",\"3.5\",\"1\"\n");
    auto result = dss({"ingest", "--source", "world_bank.bound_rates"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "world_bank.bound_rates"."L0")"),
              (std::vector<std::string>{"4"}));
    EXPECT_EQ(
        rows(
            R"(SELECT reporter, product, bound_rate FROM "world_bank.bound_rates"."L1" ORDER BY reporter)"),
        (std::vector<std::string>{"4|10111|7", "8|20222|3.5"}));
}

// An EU membership CSV: one column per year 1958-2018 holding EUN from the year a country
// joined, empty before.
std::string eu_membership_csv(const std::vector<std::tuple<std::string, std::string, int>>& rows) {
    std::string csv = "Country,ISO3";
    for (int year = 1958; year <= 2018; ++year) csv += "," + std::to_string(year);
    csv += "\n";
    for (const auto& [country, iso3, joined] : rows) {
        csv += country + "," + iso3;
        for (int year = 1958; year <= 2018; ++year) csv += year >= joined ? ",EUN" : ",";
        csv += "\n";
    }
    return csv;
}

TEST_F(Ingest, EuMembershipUnpivotsEveryYear) {
    add_file("dit/eu_country_membership/eu.csv",
             eu_membership_csv(
                 {{"France", "FRA", 1958}, {"Austria", "AUT", 1995}, {"Norway", "NOR", 3000}}));
    auto result = dss({"ingest", "--source", "dit.eu_country_membership"});
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    // One L1 row per country and year, NULL codes included: 3 x 61.
    EXPECT_EQ(rows(R"(SELECT count(*), count(tariff_code) FROM "dit.eu_country_membership"."L1")"),
              (std::vector<std::string>{"183|85"}));
    EXPECT_EQ(rows(R"(SELECT country, iso3, year, tariff_code FROM "dit.eu_country_membership"."L1"
                      WHERE iso3 = 'AUT' AND year IN (1994, 1995, 2018) ORDER BY year)"),
              (std::vector<std::string>{"Austria|AUT|1994|NULL", "Austria|AUT|1995|EUN",
                                        "Austria|AUT|2018|EUN"}));
    EXPECT_EQ(
        rows(R"(SELECT count(DISTINCT data_source_row_id) FROM "dit.eu_country_membership"."L1")"),
        (std::vector<std::string>{"3"}));
}

TEST_F(Ingest, EuMembershipReprocessingAddsNoDuplicates) {
    add_file("dit/eu_country_membership/eu.csv",
             eu_membership_csv({{"France", "FRA", 1958}, {"Austria", "AUT", 1995}}));
    ASSERT_EQ(dss({"ingest", "--source", "dit.eu_country_membership"}).exit_status, 0);
    // The registry forgets the file (as when an operator clears it): processing it again must
    // not add its L1 rows a second time (decision 7).
    connection.execute(
        "DELETE FROM operations.datafile_registry WHERE source = 'dit.eu_country_membership'");
    ASSERT_EQ(dss({"ingest", "--source", "dit.eu_country_membership"}).exit_status, 0);
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.eu_country_membership"."L1")"),
              (std::vector<std::string>{"122"}));
    // A later file repeating one country and adding another adds only the new country's years.
    add_file("dit/eu_country_membership/eu2.csv",
             eu_membership_csv({{"France", "FRA", 1958}, {"Croatia", "HRV", 2013}}));
    ASSERT_EQ(dss({"ingest", "--source", "dit.eu_country_membership"}).exit_status, 0);
    EXPECT_EQ(
        rows(R"(SELECT iso3, count(*), count(tariff_code) FROM "dit.eu_country_membership"."L1"
                      GROUP BY iso3 ORDER BY iso3)"),
        (std::vector<std::string>{"AUT|61|24", "FRA|61|61", "HRV|61|6"}));
    // --force rebuilds from both files: the same three countries, once each.
    ASSERT_EQ(dss({"ingest", "--source", "dit.eu_country_membership", "--force"}).exit_status, 0);
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.eu_country_membership"."L1")"),
              (std::vector<std::string>{"183"}));
}

// The expectations of the reference's own tests (pipelines.md section 5), source by source.
TEST_F(Ingest, ReferencePostcodesGiveTheReferenceRows) {
    add_file("dit/reference_postcodes/postcodes.csv",
             "Postcode,LAD code,LAD name,LEP1 code,LEP1 name,LEP2 code,LEP2 name,Region code,"
             "Region name,Easting,Northing,Intro,Term\n"
             "AB10 1AA,S12000033,Aberdeen City,S99999999,,S99999999,,S99999999,Scotland,394251,"
             "0806376,2011-09-01,2016-10-01\n"
             "HU4 7SW,E06000011,East Riding of Yorkshire,E37000018,Humber,E37000039,"
             "\"York, North Yorkshire and East Riding\",E12000003,Yorkshire and The Humber,504860,"
             "0429160,1980-01-01,\n");
    ASSERT_EQ(dss({"ingest", "--source", "dit.reference_postcodes"}).exit_status, 0);
    std::vector<std::string> expected{
        "AB10 1AA|S12000033|Aberdeen City|S99999999|NULL|S99999999|NULL|S99999999|Scotland|394251|"
        "0806376|2011-09-01|2016-10-01",
        "HU4 7SW|E06000011|East Riding of Yorkshire|E37000018|Humber|E37000039|York, North "
        "Yorkshire and East Riding|E12000003|Yorkshire and The Humber|504860|0429160|1980-01-01|"
        "NULL"};
    expect_l0_and_l1("dit.reference_postcodes",
                     "postcode, local_authority_district_code, local_authority_district_name, "
                     "local_enterprise_partnership_lep1_code, "
                     "local_enterprise_partnership_lep1_name, "
                     "local_enterprise_partnership_lep2_code, "
                     "local_enterprise_partnership_lep2_name, region_code, region_name, "
                     "national_grid_ref_easting, national_grid_ref_northing, "
                     "date_of_introduction, date_of_termination",
                     expected);
}

TEST_F(Ingest, ComtradeGivesTheReferenceRows) {
    add_file("comtrade/country_code_and_iso/codes.csv",
             "ctyCode,cty Name English,cty Fullname English,Cty Abbreviation,Cty Comments,"
             "ISO2-digit Alpha,ISO3-digit Alpha,Start Valid Year,End Valid Year\r"
             "0,World,World,World,World,WL,WLD,1962,2061\r"
             "4,Afghanistan,Afghanistan,Afghanistan,,AF,AFG,1962,2061\r"
             "899,\"Areas, nes\",\"Areas, not elsewhere specified\",\"Areas, nes\",,,,1962,2061\r"
             "918,European Union,European Union,European Union,,EU,EUR,,\r");
    ASSERT_EQ(dss({"ingest", "--source", "comtrade.country_code_and_iso"}).exit_status, 0);
    std::vector<std::string> expected{
        "0|World|World|World|World|WL|WLD|1962|2061",
        "4|Afghanistan|Afghanistan|Afghanistan|NULL|AF|AFG|1962|2061",
        "899|Areas, nes|Areas, not elsewhere specified|Areas, nes|NULL|NULL|NULL|1962|2061",
        "918|European Union|European Union|European Union|NULL|EU|EUR|NULL|NULL"};
    expect_l0_and_l1("comtrade.country_code_and_iso",
                     "cty_code, cty_name_english, cty_fullname_english, cty_abbreviation, "
                     "cty_comments, iso2_digit_alpha, iso3_digit_alpha, start_valid_year, "
                     "end_valid_year",
                     expected);
}

TEST_F(Ingest, EuMembershipGivesTheReferenceRows) {
    add_file("dit/eu_country_membership/spine.csv",
             eu_membership_csv(
                 {{"Austria", "AUT", 1995}, {"Belgium", "BEL", 1958}, {"Bulgaria", "BGR", 2007}}));
    ASSERT_EQ(dss({"ingest", "--source", "dit.eu_country_membership"}).exit_status, 0);
    EXPECT_EQ(rows(R"(SELECT country, iso3, coalesce("1994", 'NULL'), "1995", "2018"
                      FROM "dit.eu_country_membership"."L0" ORDER BY country)"),
              (std::vector<std::string>{"Austria|AUT|NULL|EUN|EUN", "Belgium|BEL|EUN|EUN|EUN",
                                        "Bulgaria|BGR|NULL|NULL|EUN"}));
    EXPECT_EQ(rows(R"(SELECT country, iso3, year, tariff_code FROM "dit.eu_country_membership"."L1"
                      ORDER BY country, year LIMIT 5)"),
              (std::vector<std::string>{"Austria|AUT|1958|NULL", "Austria|AUT|1959|NULL",
                                        "Austria|AUT|1960|NULL", "Austria|AUT|1961|NULL",
                                        "Austria|AUT|1962|NULL"}));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.eu_country_membership"."L1")"),
              (std::vector<std::string>{"183"}));
}

TEST_F(Ingest, BoundRatesGiveTheReferenceRows) {
    std::string header = "NomenCode,Reporter_ISO_N,ProductCode,BoundRate,Nbr_Total_Lines\n";
    add_file("world_bank/bound_rates/one.csv", header + "\"H0\",\"4\",\"10111\",\"10\",\"2\"\n");
    ASSERT_EQ(dss({"ingest", "--source", "world_bank.bound_rates"}).exit_status, 0);
    EXPECT_EQ(rows(R"(SELECT reporter, product, bound_rate FROM "world_bank.bound_rates"."L1")"),
              (std::vector<std::string>{"4|10111|10"}));
    connection.execute(R"(TRUNCATE "world_bank.bound_rates"."L0", "world_bank.bound_rates"."L1")");
    add_file("world_bank/bound_rates/three.csv", header +
                                                     "\"H0\",\"4\",\"10111\",\"10\",\"2\"\n"
                                                     "\"H1\",\"4\",\"10111\",\"5\",\"2\"\n"
                                                     "\"H2\",\"4\",\"10111\",\"7\",\"2\"\n");
    ASSERT_EQ(dss({"ingest", "--source", "world_bank.bound_rates"}).exit_status, 0);
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "world_bank.bound_rates"."L0")"),
              (std::vector<std::string>{"3"}));
    EXPECT_EQ(rows(R"(SELECT reporter, product, bound_rate FROM "world_bank.bound_rates"."L1")"),
              (std::vector<std::string>{"4|10111|7"}));
}

TEST_F(Ingest, ATerminalShowsProgressPerFile) {
    std::string csv = kBaciHeader;
    for (int i = 0; i < 3000; ++i) csv += "1995," + std::to_string(i) + ",4,251,1.5,0.1\n";
    add_file("dit/baci/a.csv", csv);
    // script(1) gives dss a pseudo-terminal, as an operator's shell would.
    auto command = dss_binary() + " ingest --source dit.baci";
    auto result = run_command(
        {"/usr/bin/script", "-qec", command, "/dev/null"},
        {{"DSS_DATABASE_URL", database.url()}, {"S3_BUCKET_URL", storage.path().string()}});
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("a.csv: 0.1 of 0.1 MB, 3000 rows"));
    EXPECT_THAT(result.out, HasSubstr("; writing L0 and L1"));
    EXPECT_THAT(result.out,
                HasSubstr("dit.baci: 1 processed, 0 skipped, 0 failed, 3000 rows added"));
}

TEST_F(Ingest, ReferenceSpellingAndHelp) {
    add_file("dit/baci/a.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n");
    auto result = dss({"dev", "datafiles_to_db_by_source", "--dit.baci"});
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("dit.baci: 1 processed"));
    auto bare = dss({"ingest"});
    EXPECT_EQ(bare.exit_status, 2);
    EXPECT_THAT(bare.out, HasSubstr("--source"));
    auto unknown = dss({"ingest", "--source", "no.such"});
    EXPECT_EQ(unknown.exit_status, 2);
    EXPECT_THAT(unknown.err, HasSubstr("unknown source 'no.such'"));
}

// An ONSPD-shaped CSV: header and rows of 50 columns; only a few columns carry values.
std::string onspd_csv(const std::vector<std::array<std::string, 3>>& rows) {
    std::string csv = "pcd,pcd2,pcds,dointr,doterm";
    for (int i = 5; i < 50; ++i) csv += ",c" + std::to_string(i);
    csv += "\n";
    for (const auto& [postcode, introduced, terminated] : rows) {
        csv += postcode + "," + postcode + ",\"" + postcode + "\"," + introduced + ",\"" +
               terminated + "\"";
        for (int i = 5; i < 50; ++i) csv += i == 42 ? ",57.101474" : ",E0" + std::to_string(i);
        csv += "\n";
    }
    return csv;
}

TEST_F(Ingest, OnsZipsLoadTheirMemberWithThePublicationMonth) {
    auto may = storage.path() / "datasets/ons/postcode_directory/ONSPD_MAY_2019_UK.zip";
    std::filesystem::create_directories(may.parent_path());
    write_zip(may, {{"Data/ONSPD_MAY_2019_UK.csv",
                     onspd_csv({{"AB1 0AA", "198001", ""}, {"AB1 0AB", "198001", "199606"}})},
                    {"Data/ONSPD_MAY_2019_UK.txt", "readme"},
                    {".DS_Store", "x"},
                    {"__MACOSX/Data/._ONSPD_MAY_2019_UK.csv", "resource fork"}});
    std::filesystem::last_write_time(
        may, std::filesystem::file_time_type::clock::now() - std::chrono::hours(2));
    auto first = dss({"ingest", "--source", "ons.postcode_directory"});
    EXPECT_EQ(first.exit_status, 0) << first.out << first.err;
    EXPECT_EQ(
        rows(
            R"(SELECT pcds, dointr, coalesce(doterm, 'NULL'), datafile_created FROM "ons.postcode_directory"."L0" ORDER BY id)"),
        (std::vector<std::string>{"AB1 0AA|198001|NULL|ONSPD_MAY_2019_UK.zip",
                                  "AB1 0AB|198001|199606|ONSPD_MAY_2019_UK.zip"}));
    EXPECT_EQ(
        rows(
            R"(SELECT pcds, dointr, doterm, lat, publication_date FROM "ons.postcode_directory"."L1" ORDER BY id)"),
        (std::vector<std::string>{"AB1 0AA|1980-01-01|NULL|57.101474|2019-05-01",
                                  "AB1 0AB|1980-01-01|1996-06-01|57.101474|2019-05-01"}));

    write_zip(storage.path() / "datasets/ons/postcode_directory/ONSPD_JUL_2019_UK.zip",
              {{"Data/ONSPD_JUL_2019_UK.csv", onspd_csv({{"AB1 0AA", "200001", "199606"},
                                                         {"AB1 0AB", "198001", ""},
                                                         {"AB1 0AD", "198001", ""}})}});
    auto second = dss({"ingest", "--source", "ons.postcode_directory"});
    EXPECT_EQ(second.exit_status, 0) << second.out;
    EXPECT_EQ(
        rows(
            R"(SELECT publication_date, count(*) FROM "ons.postcode_directory"."L1" GROUP BY 1 ORDER BY 1)"),
        (std::vector<std::string>{"2019-05-01|2", "2019-07-01|3"}));
}

TEST_F(Ingest, ZipsWithoutTheCsvOrDamagedAreClearErrors) {
    auto folder = storage.path() / "datasets/ons/postcode_directory";
    std::filesystem::create_directories(folder);
    write_zip(folder / "ONSPD_AUG_2019_UK.zip", {{"ONSPD_AUG_2019_UK.csv", "not in a sub-folder"}});
    storage.write("datasets/ons/postcode_directory/ONSPD_SEP_2019_UK.zip", "PK\x03\x04 truncated");
    auto result = dss({"ingest", "--source", "ons.postcode_directory"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("ONSPD_AUG_2019_UK.zip: no valid CSV found in the zip"));
    EXPECT_THAT(result.out, HasSubstr("ONSPD_SEP_2019_UK.zip is not a readable zip file"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "ons.postcode_directory"."L0")"),
              (std::vector<std::string>{"0"}));
}

TEST_F(Ingest, EveryMemberOfAZipLoadsInZipOrder) {
    auto zip = storage.path() / "datasets/dit/baci/years.zip";
    std::filesystem::create_directories(zip.parent_path());
    write_zip(zip, {{"b1996.csv", std::string(kBaciHeader) + "1996,1,4,251,1.5,0.1\n"},
                    {"sub/.DS_Store", "x"},
                    {"a1995.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n"}});
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(
        rows(
            R"(SELECT year, datafile_created FROM "dit.baci"."L1" JOIN "dit.baci"."L0" l0 ON l0.id = data_source_row_id ORDER BY "dit.baci"."L1".id)"),
        (std::vector<std::string>{"1996|years.zip", "1995|years.zip"}));
}

TEST_F(Ingest, ABadMemberIsNamedAndTheWholeZipRollsBack) {
    auto zip = storage.path() / "datasets/dit/baci/years.zip";
    std::filesystem::create_directories(zip.parent_path());
    write_zip(zip, {{"a1995.csv", std::string(kBaciHeader) + "1995,1,4,251,1.5,0.1\n"},
                    {"b1996.csv", std::string(kBaciHeader) + "1996,x,4,251,1.5,0.1\n"}});
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("failed years.zip: datasets/dit/baci/years.zip: b1996.csv: "
                                      "invalid input syntax for type integer: \"x\""));
    EXPECT_THAT(result.out, HasSubstr("line 2, column hs6"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L0")"), (std::vector<std::string>{"0"}));
}

}  // namespace
}  // namespace dss::test
