// The dss command line as a user runs it: help, version, db commands and their failures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "db/connection.hpp"
#include "db/database_url.hpp"
#include "support/child_process.hpp"
#include "support/dss_server.hpp"
#include "support/test_database.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Cli, VersionAndHelp) {
    auto version = run_dss({"--version"});
    EXPECT_EQ(version.exit_status, 0);
    EXPECT_THAT(version.out, HasSubstr("dss 0.1.0"));

    auto help = run_dss({"--help"});
    EXPECT_EQ(help.exit_status, 0);
    EXPECT_THAT(help.out, HasSubstr("serve"));
    EXPECT_THAT(help.out, HasSubstr("db"));

    auto bare = run_dss({});
    EXPECT_EQ(bare.exit_status, 0);
    EXPECT_THAT(bare.out, HasSubstr("Subcommands"));
}

TEST(Cli, EveryCommandHasHelp) {
    for (const auto* command : {"db", "serve"}) {
        auto help = run_dss({command, "--help"});
        EXPECT_EQ(help.exit_status, 0) << command;
        EXPECT_THAT(help.out, HasSubstr("Usage")) << command;
    }
    EXPECT_THAT(run_dss({"db", "--help"}).out, HasSubstr("--recreate_tables"));
}

TEST(Cli, UnknownCommandIsAUsageError) {
    auto result = run_dss({"frobnicate"});
    EXPECT_NE(result.exit_status, 0);
    EXPECT_THAT(result.err, HasSubstr("frobnicate"));
}

TEST(Cli, EveryUsageErrorExits2) {
    for (const auto& arguments : std::vector<std::vector<std::string>>{
             {"--bogus"}, {"ingest", "--source"}, {"serve", "--port", "abc"}, {"frobnicate"}}) {
        auto result = run_dss(arguments);
        EXPECT_EQ(result.exit_status, 2) << arguments.back() << result.err;
        EXPECT_FALSE(result.err.empty()) << arguments.back();
    }
}

TEST(Cli, ConfigurationErrorsNameTheKeyAndExit2) {
    auto host = run_dss({"serve"}, {{"DSS_HTTP_HOST", "999.1.1.1"}});
    EXPECT_EQ(host.exit_status, 2);
    EXPECT_THAT(host.err, HasSubstr("http.host"));
    auto storage = run_dss({"s3", "ls"}, {{"S3_BUCKET_URL", "file://"}});
    EXPECT_EQ(storage.exit_status, 2);
    EXPECT_THAT(storage.err, HasSubstr("s3.bucket_url"));
}

TEST(Make, TheDatabaseUrlFollowsThePrivateClusterWhereverItIs) {
    auto make = [](EnvironmentOverrides environment) {
        environment.try_emplace("DSS_DATABASE_URL", "");
        return run_command({"/usr/bin/make", "-s", "-C", source_directory().string(), "db-url"},
                           environment);
    };
    // An empty DSS_DATABASE_URL is as good as none: make fills it in.
    auto moved = make({{"DSS_PG_PORT", "55710"}});
    EXPECT_EQ(moved.exit_status, 0) << moved.err;
    EXPECT_EQ(moved.out, "postgresql://postgres@127.0.0.1:55710/dss\n");
    auto given = make({{"DSS_DATABASE_URL", "postgresql://elsewhere/db"}});
    EXPECT_EQ(given.out, "postgresql://elsewhere/db\n");
}

TEST(Cli, DbWithoutActionPrintsHelpAndFails) {
    auto result = run_dss({"db"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.out, HasSubstr("--create_tables"));
}

TEST(Cli, UpgradeTwiceDoesNothingTheSecondTime) {
    TestDatabase database;
    auto first = run_dss({"db", "upgrade"}, {{"DSS_DATABASE_URL", database.url()}});
    EXPECT_EQ(first.exit_status, 0) << first.err;
    EXPECT_THAT(first.out, HasSubstr("applied 0001_core.sql"));
    auto second = run_dss({"db", "upgrade"}, {{"DSS_DATABASE_URL", database.url()}});
    EXPECT_EQ(second.exit_status, 0) << second.err;
    EXPECT_THAT(second.out, HasSubstr("database is up to date"));
    auto status = run_dss({"db", "status"}, {{"DSS_DATABASE_URL", database.url()}});
    EXPECT_THAT(status.out, HasSubstr("applied  0001_core.sql"));
}

TEST(Cli, ReferenceFlagsCreateMigrateAndDrop) {
    auto url = db::with_database(admin_url(), "dss_cli_flags_" + std::to_string(::getpid()));
    EnvironmentOverrides environment{{"DSS_DATABASE_URL", url}};
    auto created = run_dss({"db", "--create", "--create_tables"}, environment);
    EXPECT_EQ(created.exit_status, 0) << created.err;
    EXPECT_THAT(created.out, HasSubstr("created database"));
    EXPECT_THAT(created.out, HasSubstr("applied 0001_core.sql"));
    {
        db::Connection connection(url);
        connection.execute("INSERT INTO public.hawk_users (id, key) VALUES ('a', 'b')");
    }
    auto recreated = run_dss({"db", "--recreate_tables"}, environment);
    EXPECT_EQ(recreated.exit_status, 0) << recreated.err;
    {
        db::Connection connection(url);
        EXPECT_EQ(connection.execute("SELECT count(*) FROM public.hawk_users").get<int>(0, 0), 0);
    }
    auto alias = run_dss({"db", "--run_migrations"}, environment);
    EXPECT_THAT(alias.out, HasSubstr("database is up to date"));
    auto dropped = run_dss({"db", "--drop"}, environment);
    EXPECT_EQ(dropped.exit_status, 0) << dropped.err;
    db::Connection admin(admin_url());
    EXPECT_TRUE(admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", db::database_of(url))
                    .empty());
}

TEST(Cli, BadConfigurationStopsWithOneMessageNamingKeyAndFile) {
    auto result = run_dss({"db", "upgrade"}, {{"DSS_PAGINATION_SIZE", "many"}});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err,
                HasSubstr("configuration error: configuration key app.pagination_size"));
    EXPECT_THAT(result.err, HasSubstr("defaults.yml"));
    EXPECT_THAT(result.err, HasSubstr("'many'"));
}

TEST(Cli, UnreadableLocalYamlNamesTheFile) {
    TemporaryDirectory config;
    std::filesystem::copy_file(source_directory() / "config" / "defaults.yml",
                               config.path() / "defaults.yml");
    config.write("local.yml", "app: [\n");
    auto result = run_dss({"db", "upgrade"}, {{"DSS_CONFIG_DIR", config.path().string()}});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr((config.path() / "local.yml").string()));
}

TEST(Cli, DotenvIsReadOnlyWithUseDotenv) {
    TemporaryDirectory directory;
    directory.write(".env", "DSS_PAGINATION_SIZE=not-a-number\n");
    ChildProcess without({dss_binary(), "db", "status"},
                         {{"DSS_DATABASE_URL", "postgresql://127.0.0.1:1/x"}}, directory.path());
    without.wait_for_exit(std::chrono::seconds(30));
    EXPECT_THAT(without.standard_error(), Not(HasSubstr("app.pagination_size")));
    ChildProcess with({dss_binary(), "db", "status"}, {{"USE_DOTENV", "1"}}, directory.path());
    EXPECT_EQ(with.wait_for_exit(std::chrono::seconds(30)), 2);
    EXPECT_THAT(with.standard_error(), HasSubstr("app.pagination_size"));
}

TEST(Cli, UnreachableDatabaseIsOneClearMessage) {
    auto result =
        run_dss({"db", "upgrade"}, {{"DSS_DATABASE_URL", "postgresql://dss:pw@127.0.0.1:1/dss"}});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(
        result.err,
        HasSubstr("database unavailable: cannot connect to postgresql://dss:***@127.0.0.1:1/dss"));
    EXPECT_THAT(result.err, Not(HasSubstr("pw@")));
}

}  // namespace
}  // namespace dss::test

namespace dss::test {
namespace {

TEST(CliHawk, SampleRefusesProductionAndS3UnlessForced) {
    TestDatabase database;
    auto production =
        run_dss({"sample"}, {{"DSS_DATABASE_URL", database.url()}, {"FLASK_ENV", "prod"}});
    EXPECT_EQ(production.exit_status, 2);
    EXPECT_THAT(production.err, HasSubstr("refusing to load the sample"));
    auto bucket = run_dss({"sample"},
                          {{"DSS_DATABASE_URL", database.url()}, {"S3_BUCKET_URL", "s3://shared"}});
    EXPECT_EQ(bucket.exit_status, 2);
    EXPECT_THAT(bucket.err, HasSubstr("refusing to write sample files to s3://shared"));
    auto connection = database.connect();
    EXPECT_TRUE(connection
                    .execute("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = "
                             "'hawk_users'")
                    .empty())
        << "nothing was written before the refusal";
}

TEST(CliHawk, AddUserTwiceLeavesTheFirstUnchanged) {
    TestDatabase database;
    EnvironmentOverrides environment{{"DSS_DATABASE_URL", database.url()}};
    ASSERT_EQ(run_dss({"db", "upgrade"}, environment).exit_status, 0);
    auto first =
        run_dss({"hawk", "add-user", "--client-id", "c1", "--client-key", "k1", "--client-scope",
                 "list_ons_postcodes, list_dit_baci", "--description", "first"},
                environment);
    EXPECT_EQ(first.exit_status, 0) << first.err;
    EXPECT_THAT(first.out, HasSubstr("added Hawk client c1"));
    auto second = run_dss({"hawk", "add-user", "--client-id", "c1", "--client-key", "other",
                           "--client-scope", "*", "--description", "second"},
                          environment);
    EXPECT_EQ(second.exit_status, 0);
    EXPECT_THAT(second.out, HasSubstr("already exists; left unchanged"));
    db::Connection connection(database.url());
    auto row = connection.execute(
        "SELECT key, array_to_string(scope, '|'), description FROM public.hawk_users");
    EXPECT_EQ(row.get<std::string>(0, 0), "k1");
    EXPECT_EQ(row.get<std::string>(0, 1), "list_ons_postcodes|list_dit_baci");
    EXPECT_EQ(row.get<std::string>(0, 2), "first");
    EXPECT_NE(run_dss({"hawk", "add-user", "--client-id", "c2"}, environment).exit_status, 0)
        << "all four are required";
}

TEST(CliHawk, SampleLeavesFoldersWithRealFilesToIngest) {
    TestDatabase database;
    TemporaryDirectory storage;
    // A real (and here unloadable) file: the sample neither adds to its folder nor loads it.
    storage.write("datasets/dit/baci/real.csv", "not,a,baci,file\n");
    EnvironmentOverrides environment{{"DSS_DATABASE_URL", database.url()},
                                     {"S3_BUCKET_URL", storage.path().string()}};
    ASSERT_EQ(run_dss({"db", "upgrade"}, environment).exit_status, 0);
    auto result = run_dss({"sample"}, environment);
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("sample: 8 files written"));
    EXPECT_THAT(result.out, ::testing::Not(HasSubstr("dit.baci")));
    EXPECT_FALSE(
        std::filesystem::exists(storage.path() / "datasets/dit/baci/BACI_HS92_Y2017_V202001.csv"));
}

TEST(CliHawk, SampleIsIdempotentAndItsCommandFetchesAPage) {
    TestDatabase database;
    TemporaryDirectory storage;
    EnvironmentOverrides environment{{"DSS_DATABASE_URL", database.url()},
                                     {"S3_BUCKET_URL", storage.path().string()}};
    ASSERT_EQ(run_dss({"db", "upgrade"}, environment).exit_status, 0);
    auto first = run_dss({"sample"}, environment);
    EXPECT_EQ(first.exit_status, 0) << first.out << first.err;
    // One file per source, loaded through its pipeline.
    EXPECT_THAT(first.out, HasSubstr("sample: 9 files written"));
    EXPECT_THAT(first.out,
                HasSubstr("ons.postcode_directory: 1 processed, 0 skipped, 0 failed, 2500 rows"));
    EXPECT_THAT(first.out,
                HasSubstr("dit.reference_postcodes: 1 processed, 0 skipped, 0 failed, 500 rows"));
    EXPECT_THAT(first.out,
                HasSubstr("dit.eu_country_membership: 1 processed, 0 skipped, 0 failed, 5 rows"));
    EXPECT_THAT(first.out, HasSubstr("companies_house.accounts_legacy: 1 processed, 0 skipped, "
                                     "0 failed, 100 rows"));
    EXPECT_THAT(first.out, HasSubstr("hmrc.exporters: 1 processed, 0 skipped, 0 failed, 50 rows"));
    EXPECT_TRUE(std::filesystem::exists(storage.path() /
                                        "datasets/ons/postcode_directory/ONSPD_MAY_2019_UK.zip"));
    auto connection = database.connect();
    EXPECT_EQ(connection
                  .execute("SELECT count(*) FROM operations.datafile_registry "
                           "WHERE state = 'processed'")
                  .get<long>(0, 0),
              9);
    EXPECT_EQ(connection
                  .execute(R"(SELECT count(*) FROM "ons.postcode_directory"."L1"
                              WHERE publication_date = '2019-05-01')")
                  .get<long>(0, 0),
              2500);
    EXPECT_EQ(connection.execute(R"(SELECT count(*) FROM "dit.eu_country_membership"."L1")")
                  .get<long>(0, 0),
              5 * 61);
    auto again = run_dss({"sample"}, environment);
    EXPECT_EQ(again.exit_status, 0) << again.out << again.err;
    EXPECT_THAT(again.out, HasSubstr("sample: 0 files written"));
    EXPECT_THAT(again.out,
                HasSubstr("ons.postcode_directory: 0 processed, 1 skipped, 0 failed, 0 rows"));

    DssServer server(database.url());
    auto printed = first.out.substr(first.out.find("build/dss hawk request"));
    printed = printed.substr(0, printed.find('\n'));
    std::vector<std::string> arguments;
    std::istringstream words(printed);
    for (std::string word; words >> word;) arguments.push_back(word);
    arguments.erase(arguments.begin());  // build/dss
    for (auto& argument : arguments) {
        if (argument.starts_with("http://localhost:5050")) {
            argument.replace(0, 21, "http://127.0.0.1:" + std::to_string(server.port()));
        }
    }
    auto fetched = run_dss(arguments);
    EXPECT_EQ(fetched.exit_status, 0) << fetched.err;
    EXPECT_THAT(fetched.out, HasSubstr("HTTP 200 OK"));
    EXPECT_THAT(fetched.out, HasSubstr("\"next\": \"http://127.0.0.1:"));

    auto wrong_key = arguments;
    *(std::find(wrong_key.begin(), wrong_key.end(), "--client-key") + 1) = "wrong";
    auto refused = run_dss(wrong_key);
    EXPECT_EQ(refused.exit_status, 1);
    EXPECT_THAT(refused.out, HasSubstr("HTTP 401"));
}

TEST(CliHawk, PostNeedsValidJson) {
    auto result = run_dss({"hawk", "request", "--url", "http://127.0.0.1:1/x", "--client-id", "a",
                           "--client-key", "b", "--method", "POST", "--post-data", "{not json"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("--post-data must be valid JSON"));
}

}  // namespace
}  // namespace dss::test
