// dss scheduler (jobs.md "Scheduler"): the sweep of uploads stuck for a day, the nightly job at
// its time of day, and SIGTERM, also while the sweep waits for the database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <ctime>

#include "jobs/upload_sweep.hpp"
#include "support/ingest_fixture.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;

class Scheduler : public Ingest {
   protected:
    TemporaryDirectory config;

    void SetUp() override {
        Ingest::SetUp();
        connection.execute(
            "INSERT INTO public.pipeline (id, organisation, dataset, slug) "
            "VALUES (1, 'dit', 'exports', 'dit-exports')");
        // Nightly runs here fetch nothing: no publisher is defined.
        config.write("sources.yml", "sources: {}\n");
    }

    // An upload in `state`, started `started_hours_ago` (or never), uploaded a day and a half
    // before the sweep unless `uploaded_hours_ago` says otherwise.
    void add_upload(const std::string& id, const std::string& state,
                    std::optional<int> started_hours_ago, int uploaded_hours_ago = 36) {
        connection.execute(
            "INSERT INTO public.pipeline_data_file (id, data_file_url, pipeline_id, state, "
            "uploaded_at, started_processing_at) VALUES ($1::uuid, 'x.csv', 1, $2, "
            "(now() AT TIME ZONE 'utc') - make_interval(hours => $3::int), "
            "(now() AT TIME ZONE 'utc') - make_interval(hours => $4::int))",
            id, state, std::to_string(uploaded_hours_ago),
            started_hours_ago ? std::optional<std::string>(std::to_string(*started_hours_ago))
                              : std::nullopt);
    }

    std::string state_of(const std::string& id) {
        return rows(
                   "SELECT state || '|' || coalesce(error_message, '') FROM "
                   "public.pipeline_data_file WHERE id = '" +
                   id + "'")
            .front();
    }

    std::unique_ptr<ChildProcess> start(EnvironmentOverrides extra = {}) {
        extra.insert({{"DSS_DATABASE_URL", database.url()},
                      {"S3_BUCKET_URL", storage.path().string()},
                      {"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()}});
        return std::make_unique<ChildProcess>(
            std::vector<std::string>{dss_binary(), "scheduler", "start"}, extra);
    }
};

constexpr const char* kStale = "00000000-0000-0000-0000-000000000001";
constexpr const char* kRecent = "00000000-0000-0000-0000-000000000002";
constexpr const char* kStaleDataflow = "00000000-0000-0000-0000-000000000003";
constexpr const char* kNeverStartedOld = "00000000-0000-0000-0000-000000000004";
constexpr const char* kNeverStartedNew = "00000000-0000-0000-0000-000000000005";
constexpr const char* kCompletedOld = "00000000-0000-0000-0000-000000000006";
constexpr const char* kUploadedOld = "00000000-0000-0000-0000-000000000007";
constexpr const char* kStaleDss = "00000000-0000-0000-0000-000000000008";
constexpr const char* kRecentDataflow = "00000000-0000-0000-0000-000000000009";
constexpr const char* kRecentVerified = "00000000-0000-0000-0000-00000000000a";

TEST_F(Scheduler, TheSweepFailsUploadsStuckForADayAndNoOthers) {
    add_upload(kStale, "verified", 25);
    add_upload(kRecent, "processing_dss", 1);
    add_upload(kStaleDataflow, "processing_dataflow", 30);
    add_upload(kNeverStartedOld, "verified", std::nullopt, 30);
    add_upload(kNeverStartedNew, "verified", std::nullopt, 1);
    add_upload(kCompletedOld, "completed", 48);
    add_upload(kUploadedOld, "uploaded", std::nullopt, 48);
    add_upload(kStaleDss, "processing_dss", 24 * 3);
    add_upload(kRecentDataflow, "processing_dataflow", 23);
    add_upload(kRecentVerified, "verified", 2);
    auto scheduler = start();
    ASSERT_TRUE(scheduler->wait_for_output("uploads marked failed", std::chrono::seconds(20)))
        << scheduler->standard_error();
    EXPECT_THAT(scheduler->standard_output() + scheduler->standard_error(),
                HasSubstr("sweep: 5 uploads marked failed after 24 hours"));
    scheduler->send_signal(SIGTERM);
    EXPECT_EQ(scheduler->wait_for_exit(std::chrono::seconds(10)), 0);
    const std::string failed = std::string("failed|") + jobs::kStaleUploadMessage;
    EXPECT_EQ(state_of(kStale), failed);
    EXPECT_EQ(state_of(kStaleDataflow), failed);
    EXPECT_EQ(state_of(kNeverStartedOld), failed);
    EXPECT_EQ(state_of(kStaleDss), failed);
    // Never started is lost, however recent (jobs.md): processing starts on verification.
    EXPECT_EQ(state_of(kNeverStartedNew), failed);
    EXPECT_EQ(state_of(kRecent), "processing_dss|");
    EXPECT_EQ(state_of(kRecentDataflow), "processing_dataflow|");
    EXPECT_EQ(state_of(kRecentVerified), "verified|");
    EXPECT_EQ(state_of(kCompletedOld), "completed|");
    EXPECT_EQ(state_of(kUploadedOld), "uploaded|");
}

TEST_F(Scheduler, TheNightlyJobRunsAtItsTimeOfDay) {
    add_file("dit/baci/a.csv", "t,hs6,i,j,v,q\n1995,10101,4,251,1.5,0.1\n");
    auto in_three_seconds = std::time(nullptr) + 3;
    std::tm utc{};
    gmtime_r(&in_three_seconds, &utc);
    char at[16];
    std::strftime(at, sizeof at, "%H:%M:%S", &utc);
    auto scheduler = start({{"DSS_NIGHTLY_AT", at}});
    ASSERT_TRUE(scheduler->wait_for_output("succeeded", std::chrono::seconds(60)))
        << scheduler->standard_output() << scheduler->standard_error();
    EXPECT_THAT(scheduler->standard_error() + scheduler->standard_output(),
                HasSubstr(std::string("nightly ") + "at " + at + " UTC"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "dit.baci"."L1")"), (std::vector<std::string>{"1"}));
    scheduler->send_signal(SIGTERM);
    EXPECT_EQ(scheduler->wait_for_exit(std::chrono::seconds(10)), 0);
}

TEST_F(Scheduler, SigtermWhileTheSweepWaitsForTheDatabaseStopsItAtOnce) {
    add_upload(kStale, "verified", 25);
    // The stale row is locked: the sweep's UPDATE waits for it.
    db::Transaction holder(connection);
    connection.execute("SELECT 1 FROM public.pipeline_data_file FOR UPDATE");
    auto scheduler = start();
    auto observer = database.connect();
    auto waiting = [&] {
        return observer
            .execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                "'dss scheduler' AND wait_event_type = 'Lock'")
            .get<long>(0, 0);
    };
    for (int i = 0; i < 500 && waiting() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_EQ(waiting(), 1);
    auto signalled = std::chrono::steady_clock::now();
    scheduler->send_signal(SIGTERM);
    EXPECT_EQ(scheduler->wait_for_exit(std::chrono::seconds(10)), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - signalled, std::chrono::seconds(5));
    EXPECT_THAT(scheduler->standard_output() + scheduler->standard_error(),
                HasSubstr("sweep stopped"));
    holder.commit();
    EXPECT_EQ(state_of(kStale), "verified|");  // the cancelled sweep changed nothing
}

TEST_F(Scheduler, ARunStillGoingWhenTheNextIsDueIsNotStartedTwice) {
    add_upload(kStale, "verified", 25);
    db::Transaction holder(connection);
    connection.execute("SELECT 1 FROM public.pipeline_data_file FOR UPDATE");
    auto scheduler = start({{"DSS_SWEEP_INTERVAL", "1"}});
    ASSERT_TRUE(scheduler->wait_for_output("sweep skipped: the previous one is still running",
                                           std::chrono::seconds(20)));
    auto observer = database.connect();
    EXPECT_EQ(observer
                  .execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                           "'dss scheduler'")
                  .get<long>(0, 0),
              1);
    scheduler->send_signal(SIGTERM);
    EXPECT_EQ(scheduler->wait_for_exit(std::chrono::seconds(10)), 0);
}

TEST_F(Scheduler, ADatabaseThatIsDownFailsTheSweepNotTheScheduler) {
    // A port nothing listens on: every sweep fails, is logged, and the next one is tried.
    auto scheduler = start({{"DSS_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/dss"},
                            {"DSS_SWEEP_INTERVAL", "1"}});
    ASSERT_TRUE(scheduler->wait_for_output("sweep failed", std::chrono::seconds(20)));
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_FALSE(scheduler->wait_for_exit(std::chrono::milliseconds(0)).has_value())
        << "the scheduler gave up";
    scheduler->send_signal(SIGTERM);
    EXPECT_EQ(scheduler->wait_for_exit(std::chrono::seconds(10)), 0);
}

TEST_F(Scheduler, AMistypedNightlyTimeIsRefusedNamingTheKey) {
    auto result = dss({"scheduler"}, {{"DSS_NIGHTLY_AT", "7pm"}});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_THAT(result.err, HasSubstr("scheduler.nightly_at"));
}

}  // namespace
}  // namespace dss::test
