// dss ingest when things go wrong: an empty or misplaced listing, a rebuild that fails, a source
// that fails outside its files, a connection that dies, odd but valid files (issue 8, 1-7).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "db/identifier.hpp"
#include "db/transaction.hpp"
#include "support/ingest_fixture.hpp"
#include "support/zip_maker.hpp"

namespace dss::test {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

std::string baci_rows(int first_year, int count) {
    std::string csv = kBaciHeader;
    for (int i = 0; i < count; ++i) {
        csv += std::to_string(first_year) + "," + std::to_string(100000 + i) + ",4,251," +
               std::to_string(i) + ".5,0.1\n";
    }
    return csv;
}

// EU membership: country, ISO3 and one column per year, 1958 to 2018.
std::string eu_membership(const std::string& country, const std::string& iso3) {
    std::string csv = "Country,ISO3";
    for (int year = 1958; year <= 2018; ++year) csv += "," + std::to_string(year);
    csv += "\n" + country + "," + iso3;
    for (int year = 1958; year <= 2018; ++year) csv += year >= 1995 ? ",EUN" : ",";
    return csv + "\n";
}

class IngestSafety : public Ingest {
   protected:
    std::string count(const std::string& table) {
        return rows("SELECT count(*) FROM " + table).front();
    }
};

TEST_F(IngestSafety, ARebuildFromAnEmptyListingIsRefusedAndNamesWhereItLooked) {
    add_file("dit/baci/a.csv", baci_rows(1995, 2));
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    // A wrong root looks just like a source without files.
    TemporaryDirectory elsewhere;
    auto refused = dss({"ingest", "--source", "dit.baci", "--force"},
                       {{"S3_BUCKET_URL", elsewhere.path().string()}});
    EXPECT_EQ(refused.exit_status, 1);
    EXPECT_THAT(refused.out, HasSubstr("refusing to rebuild from an empty listing: no files in "
                                       "folder datasets/dit/baci in local directory " +
                                       elsewhere.path().string()));
    EXPECT_THAT(refused.err, HasSubstr("rebuilding from the files from folder datasets/dit/baci"));
    EXPECT_EQ(count(R"("dit.baci"."L0")"), "2");
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "2");
    EXPECT_EQ(registry("a.csv"), "processed|");

    auto misuse = dss({"ingest", "--source", "dit.baci", "--allow-empty"});
    EXPECT_EQ(misuse.exit_status, 2) << misuse.out << misuse.err;
    EXPECT_THAT(misuse.err, HasSubstr("--allow-empty"));

    auto emptied = dss({"ingest", "--source", "dit.baci", "--force", "--allow-empty"},
                       {{"S3_BUCKET_URL", elsewhere.path().string()}});
    EXPECT_EQ(emptied.exit_status, 0) << emptied.out << emptied.err;
    EXPECT_EQ(count(R"("dit.baci"."L0")"), "0");
}

TEST_F(IngestSafety, AFailedRebuildChangesNoRegistryRowSoNothingLoadsTwice) {
    add_file("dit/baci/a.csv", baci_rows(1995, 2));
    add_file("dit/baci/b.csv", baci_rows(1996, 3));
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    // b.csv cannot be read during the rebuild (as with an S3 read error), then can again.
    auto b_path = storage.path() / "datasets/dit/baci/b.csv";
    auto saved_time = std::filesystem::last_write_time(b_path);
    storage.write("datasets/dit/baci/b.csv", std::string(kBaciHeader) + "oops\n");
    std::filesystem::last_write_time(b_path, saved_time);
    auto forced = dss({"ingest", "--source", "dit.baci", "--force"});
    EXPECT_EQ(forced.exit_status, 1);
    EXPECT_THAT(forced.out, HasSubstr("failed b.csv: datasets/dit/baci/b.csv:"));
    EXPECT_THAT(forced.out, HasSubstr("rebuild stopped at b.csv; the tables and the registry are "
                                      "as they were"));
    EXPECT_EQ(registry("b.csv"), "processed|");

    storage.write("datasets/dit/baci/b.csv", baci_rows(1996, 3));
    std::filesystem::last_write_time(b_path, saved_time);
    auto next = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(next.exit_status, 0) << next.out;
    EXPECT_THAT(next.out, HasSubstr("0 processed, 2 skipped"));
    EXPECT_EQ(count(R"("dit.baci"."L0")"), "5");
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "5");
}

TEST_F(IngestSafety, RebuildsGiveTheSameIdsAndTheTablesDoNotGrow) {
    add_file("dit/baci/big.csv", baci_rows(1995, 20000));
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    const std::string ids =
        R"(SELECT md5(string_agg(l1.id || ':' || l0.id || ':' || l0.hs6, ',' ORDER BY l1.id))
           FROM "dit.baci"."L1" l1 JOIN "dit.baci"."L0" l0 ON l0.id = l1.data_source_row_id)";
    const std::string size =
        R"(SELECT pg_relation_size('"dit.baci"."L0"') + pg_relation_size('"dit.baci"."L1"'))";
    auto first_ids = rows(ids);
    auto first_size = std::stoll(rows(size).front());
    // The first row is the file's first row: L1 ids follow L0's, which follow the file.
    EXPECT_EQ(rows(R"(SELECT product_category FROM "dit.baci"."L1" ORDER BY id LIMIT 1)"),
              (std::vector<std::string>{"100000"}));
    for (int rebuild = 1; rebuild <= 3; ++rebuild) {
        auto forced = dss({"ingest", "--source", "dit.baci", "--force"});
        ASSERT_EQ(forced.exit_status, 0) << forced.out << forced.err;
        EXPECT_EQ(rows(ids), first_ids) << "rebuild " << rebuild;
    }
    // Without reclaiming, each rebuild adds a full copy of the dead rows (4x after three).
    EXPECT_LE(std::stoll(rows(size).front()), first_size * 2 + 65536) << "first " << first_size;
}

TEST_F(IngestSafety, ASourceFailingOutsideItsFilesDoesNotStopTheOthers) {
    // A table of the right name and the wrong shape: the source fails before any file.
    connection.execute(R"(DROP TABLE IF EXISTS "dit.baci"."L1", "dit.baci"."L0")");
    connection.execute(R"(CREATE TABLE "dit.baci"."L0" (something int))");
    add_file("dit/baci/a.csv", baci_rows(1995, 2));
    add_file("dit/eu_country_membership/eu.csv", eu_membership("Austria", "AUT"));
    auto result = dss({"ingest", "--source", "dit.baci", "--source", "dit.eu_country_membership"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("dit.baci: 0 processed, 0 skipped, 0 failed, 0 rows added\n"
                                      "  error: \"dit.baci\".\"L0\" has no datafile_created"));
    EXPECT_THAT(result.out, HasSubstr("dit.eu_country_membership: 1 processed"));
}

TEST_F(IngestSafety, AConnectionLostMidRunIsReportedWithItsReasonAndLaterSourcesStillRun) {
    add_file("dit/reference_postcodes/postcodes.csv",
             "Postcode,LAD code,LAD name,LEP1 code,LEP1 name,LEP2 code,LEP2 name,Region code,"
             "Region name,Easting,Northing,Intro,Term\n"
             "AB10 1AA,S12000033,Aberdeen City,,,,,,Scotland,394251,0806376,2011-09-01,\n");
    add_file("dit/baci/a.csv", baci_rows(1995, 2));
    add_file("dit/eu_country_membership/eu.csv", eu_membership("Austria", "AUT"));
    // The run stops at BACI's lock; its connection is then cut, as a server stopping would.
    auto holder = hold_source_lock("dit.baci");
    ChildProcess run(
        {dss_binary(), "ingest", "--source", "dit.reference_postcodes", "--source", "dit.baci",
         "--source", "dit.eu_country_membership"},
        {{"DSS_DATABASE_URL", database.url()}, {"S3_BUCKET_URL", storage.path().string()}});
    ASSERT_EQ(wait_for_lock_waiters(1), 1);
    database.connect().execute(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND NOT "
        "granted");
    EXPECT_EQ(run.wait_for_exit(std::chrono::seconds(30)), 1);
    holder->commit();
    auto out = run.standard_output();
    EXPECT_THAT(out, HasSubstr("dit.reference_postcodes: 1 processed"));
    // libpq's own words for it, never an empty reason.
    EXPECT_THAT(out, AnyOf(HasSubstr("terminating connection due to administrator command"),
                           HasSubstr("server closed the connection unexpectedly")));
    EXPECT_THAT(out, HasSubstr("the connection to the database was lost"));
    EXPECT_THAT(out, HasSubstr("dit.eu_country_membership: 1 processed"));
    // The failure was the connection's: a.csv is not blamed, and loads next time.
    EXPECT_EQ(registry("a.csv"), "none");
    EXPECT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "2");
}

TEST_F(IngestSafety, ADatabaseThatStaysAwayFailsEachSourceWithoutCrashing) {
    add_file("dit/baci/a.csv", baci_rows(1995, 2));
    add_file("dit/eu_country_membership/eu.csv", eu_membership("Austria", "AUT"));
    auto holder = hold_source_lock("dit.baci");
    ChildProcess run(
        {dss_binary(), "ingest", "--source", "dit.baci", "--source", "dit.eu_country_membership",
         "--source", "world_bank.tariff"},
        {{"DSS_DATABASE_URL", database.url()}, {"S3_BUCKET_URL", storage.path().string()}});
    ASSERT_EQ(wait_for_lock_waiters(1), 1);
    // No reconnect can succeed now, for the rest of the run.
    auto admin = db::Connection(admin_url());
    admin.execute("ALTER DATABASE " + db::quote_identifier(database.name()) +
                  " ALLOW_CONNECTIONS false");
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND NOT "
        "granted");
    auto status = run.wait_for_exit(std::chrono::seconds(30));
    admin.execute("ALTER DATABASE " + db::quote_identifier(database.name()) +
                  " ALLOW_CONNECTIONS true");
    holder->commit();
    EXPECT_EQ(status, 1) << run.standard_error();
    auto out = run.standard_output();
    EXPECT_THAT(out, HasSubstr("dit.baci: 0 processed"));
    EXPECT_THAT(out, HasSubstr("dit.eu_country_membership: 0 processed"));
    EXPECT_THAT(out, HasSubstr("world_bank.tariff: 0 processed"));
}

// Kills `dss ingest` (SIGKILL, no chance to clean up) once its COPY of the big file has stored
// rows but not all of them: pg_stat_progress_copy shows the statement midway. (A rebuild first
// copies a 3-row file, which is over before it can be seen.)
void kill_during_copy(ChildProcess& run, db::Connection& observer) {
    auto copying = [&] {
        return observer
            .execute(
                "SELECT count(*) FROM pg_stat_progress_copy p JOIN pg_stat_activity a "
                "ON a.pid = p.pid WHERE a.application_name = 'dss ingest' "
                "AND p.tuples_processed > 100")
            .get<long>(0, 0);
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    long seen = 0;  // read once: the COPY may end between two looks
    while ((seen = copying()) == 0 && std::chrono::steady_clock::now() < deadline &&
           !run.wait_for_exit(std::chrono::milliseconds(0)).has_value()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_EQ(seen, 1) << "the COPY was never seen midway: " << run.standard_output()
                       << run.standard_error();
    run.send_signal(SIGKILL);
    run.wait_for_exit(std::chrono::seconds(10));
    // The server notices the client is gone and rolls its transaction back.
    auto sessions = [&] {
        return observer
            .execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dss ingest'")
            .get<long>(0, 0);
    };
    for (int i = 0; i < 500 && sessions() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

TEST_F(IngestSafety, AnIngestKilledInTheMiddleOfACopyLeavesNothingAndTheNextRunLoadsAll) {
    add_file("dit/baci/small.csv", baci_rows(1994, 3));
    ASSERT_EQ(dss({"ingest", "--source", "dit.baci"}).exit_status, 0);
    add_file("dit/baci/big.csv", baci_rows(1995, 1'000'000));
    EnvironmentOverrides environment{{"DSS_DATABASE_URL", database.url()},
                                     {"S3_BUCKET_URL", storage.path().string()}};
    auto observer = database.connect();
    {
        ChildProcess load({dss_binary(), "ingest", "--source", "dit.baci"}, environment);
        kill_during_copy(load, observer);
    }
    EXPECT_EQ(count(R"("dit.baci"."L0")"), "3");
    EXPECT_EQ(registry("big.csv"), "none");
    {
        ChildProcess rebuild({dss_binary(), "ingest", "--source", "dit.baci", "--force"},
                             environment);
        kill_during_copy(rebuild, observer);
    }
    EXPECT_EQ(count(R"("dit.baci"."L0")"), "3") << "a killed rebuild keeps the old rows";
    auto next = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(next.exit_status, 0) << next.out;
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "1000003");
}

TEST_F(IngestSafety, ATrailingSlashInTheDatasetsFolderKeepsFileNamesWhole) {
    add_file("dit/baci/a.csv", baci_rows(1995, 1));
    add_file("dit/baci/b.csv", baci_rows(1996, 1));
    auto result = dss({"ingest", "--source", "dit.baci"}, {{"DATASETS_FOLDER", "/datasets/"}});
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("dit.baci: 2 processed"));
    EXPECT_EQ(registry("a.csv"), "processed|");
    EXPECT_EQ(registry("b.csv"), "processed|");
}

TEST_F(IngestSafety, AHeaderOnlyFileIsProcessedWithNoRows) {
    add_file("dit/baci/none.csv", kBaciHeader);
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_THAT(result.out, HasSubstr("dit.baci: 1 processed, 0 skipped, 0 failed, 0 rows added"));
    EXPECT_EQ(registry("none.csv"), "processed|");
}

TEST_F(IngestSafety, BlankLinesAtTheEndAreNotRows) {
    add_file("dit/baci/a.csv", baci_rows(1995, 2) + "\n\r\n\n");
    add_file("dit/baci/b.csv", std::string(kBaciHeader) + "1996,1,4,251,1.5,0.1\r\n\r\n");
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "3");
}

TEST_F(IngestSafety, AZipNamingAMemberTwiceLoadsBothAndSaysSo) {
    auto zip = storage.path() / "datasets/dit/baci/twice.zip";
    std::filesystem::create_directories(zip.parent_path());
    // libzip will not write two members of one name: write two, then rename the second in
    // place (names are not covered by the CRC, and both are five bytes).
    write_zip(zip, {{"y.csv", baci_rows(1995, 1)}, {"z.csv", baci_rows(1996, 2)}});
    std::string bytes;
    {
        std::ifstream in(zip, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    for (auto at = bytes.find("z.csv"); at != std::string::npos; at = bytes.find("z.csv", at))
        bytes.replace(at, 5, "y.csv");
    std::ofstream(zip, std::ios::binary | std::ios::trunc) << bytes;
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "3");
    EXPECT_THAT(result.err, HasSubstr("holds more than one member named y.csv"));
}

TEST_F(IngestSafety, AnUpperCaseZipIsAZip) {
    auto zip = storage.path() / "datasets/dit/baci/YEARS.ZIP";
    std::filesystem::create_directories(zip.parent_path());
    write_zip(zip, {{"a1995.csv", baci_rows(1995, 2)}});
    auto result = dss({"ingest", "--source", "dit.baci"});
    EXPECT_EQ(result.exit_status, 0) << result.out;
    EXPECT_EQ(count(R"("dit.baci"."L1")"), "2");
}

}  // namespace
}  // namespace dss::test
