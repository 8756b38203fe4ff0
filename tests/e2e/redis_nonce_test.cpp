// Hawk nonces in a real redis-server: shared by several dss serve instances, and fail-closed
// when Redis is down.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <future>
#include <thread>

#include "auth/hawk_client_directory.hpp"
#include "auth/redis_nonce_store.hpp"
#include "db/migrator.hpp"
#include "support/dss_server.hpp"
#include "support/hawk_session.hpp"
#include "support/http_client.hpp"
#include "support/redis_server.hpp"
#include "support/silent_server.hpp"
#include "support/test_database.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;

const auth::HawkCredentials kRedisClient{"redis-client", "redis-key-0123456789", "sha256"};

void prepare(TestDatabase& database) {
    auto connection = database.connect();
    db::Migrator(connection, db::parse_migrations(db::embedded_migrations())).upgrade();
    auth::add_hawk_client(connection, {kRedisClient, {"*"}}, "test");
}

TEST(RedisNonceStore, RemembersAcrossConnectionsAndRefusesReplays) {
    RedisServer redis;
    auth::RedisNonceStore store(auth::RedisEndpoint::parse(redis.url(), 6379, "", false));
    EXPECT_TRUE(store.remember("id:n1:1", std::chrono::seconds(300)));
    EXPECT_FALSE(store.remember("id:n1:1", std::chrono::seconds(300)));
    auth::RedisNonceStore other(auth::RedisEndpoint::parse(redis.url(), 6379, "", false));
    EXPECT_FALSE(other.remember("id:n1:1", std::chrono::seconds(300)))
        << "a second server sees the nonce";
    EXPECT_TRUE(other.remember("id:n2:1", std::chrono::seconds(300)));
}

TEST(RedisNonceStore, AuthenticatesWithAPassword) {
    RedisServer redis("s3cret-pass");
    auth::RedisNonceStore wrong(auth::RedisEndpoint::parse(redis.url(), 6379, "not-it", false));
    EXPECT_THROW(wrong.remember("k", std::chrono::seconds(10)), auth::NonceStoreUnavailable);
    auth::RedisNonceStore right(
        auth::RedisEndpoint::parse(redis.url(), 6379, "s3cret-pass", false));
    EXPECT_TRUE(right.remember("k", std::chrono::seconds(10)));
}

TEST(RedisNonceStore, UnreachableRedisIsUnavailableNotAccepted) {
    auth::RedisNonceStore store(
        auth::RedisEndpoint::parse("redis://127.0.0.1:" + std::to_string(free_port()), 6379, "",
                                   false),
        std::chrono::milliseconds(500));
    EXPECT_THROW(store.remember("k", std::chrono::seconds(10)), auth::NonceStoreUnavailable);
}

TEST(RedisNonceStore, ARedisThatNeverAnswersTimesOut) {
    auto silent = std::make_shared<SilentServer>();
    auto outcome = std::make_shared<std::promise<std::string>>();
    auto finished = outcome->get_future();
    // On its own thread, so that a hang fails the test instead of stopping the suite.
    std::thread([silent, outcome] {
        try {
            auth::RedisNonceStore store(
                auth::RedisEndpoint::parse(silent->url("redis"), 6379, "", false),
                std::chrono::milliseconds(300));
            store.remember("k", std::chrono::seconds(10));
            outcome->set_value("accepted");
        } catch (const auth::NonceStoreUnavailable& error) {
            outcome->set_value(std::string("unavailable: ") + error.what());
        }
    }).detach();
    ASSERT_EQ(finished.wait_for(std::chrono::seconds(10)), std::future_status::ready)
        << "no deadline: the read blocks for ever";
    EXPECT_THAT(finished.get(),
                HasSubstr("unavailable: reading the reply took longer than 300 ms"));
}

// A database with the test client, and dss serve using the nonce store at `cache_url`.
struct ServedWithCache {
    explicit ServedWithCache(const std::string& cache_url)
        : server((prepare(database), database.url()), {{"CACHE_HOST", cache_url}}),
          session(server.port(), kRedisClient) {}
    TestDatabase database;
    DssServer server;
    HawkSession session;
};

TEST(RedisNonces, AHungRedisCostsARequestItsDeadlineAndNothingMore) {
    SilentServer silent;
    ServedWithCache served(silent.url("redis"));
    auto& server = served.server;
    auto& session = served.session;
    auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(session.get("/api/v1/get-ons-postcodes/").reply.status, 503);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(8));
    EXPECT_EQ(http_get(server.port(), "/healthcheck").status, 200);
    server.process().send_signal(SIGTERM);
    EXPECT_EQ(server.process().wait_for_exit(std::chrono::seconds(10)), 0);
}

TEST(RedisNonces, RequestsRecoverAtOnceWhenRedisRestarts) {
    RedisServer redis;
    ServedWithCache served(redis.url());
    auto& session = served.session;
    for (int i = 0; i < 3; ++i)
        ASSERT_EQ(session.get("/api/v1/get-ons-postcodes/").reply.status, 200);
    redis.restart();
    // The pooled connections are dead; not one request may fail for it.
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(session.get("/api/v1/get-ons-postcodes/").reply.status, 200) << i;
}

TEST(RedisNonces, AReplayToAnotherServerInstanceIsRefused) {
    TestDatabase database;
    prepare(database);
    RedisServer redis;
    DssServer first(database.url(), {{"CACHE_HOST", redis.url()}});
    DssServer second(database.url(), {{"CACHE_HOST", redis.url()}});

    // Sign once, send the same header to both instances.
    auto url = http_client::parse_url("http://127.0.0.1:" + std::to_string(first.port()) +
                                      "/api/v1/get-ons-postcodes/");
    auto signed_request = auth::sign_request(kRedisClient, "GET", url, std::nullopt);
    HttpConnection to_first(first.port());
    EXPECT_EQ(to_first.get(url.resource, {{"Authorization", signed_request.authorization}}).status,
              200);
    // The second instance listens on another port, so present the first one's Host: only the
    // nonce store can tell this is a replay.
    HttpConnection to_second(second.port());
    auto replay =
        to_second.get(url.resource, {{"Authorization", signed_request.authorization},
                                     {"Host", "127.0.0.1:" + std::to_string(first.port())}});
    EXPECT_EQ(replay.status, 401);
}

TEST(RedisNonces, RedisDownMeansRefusedAndLogged) {
    TestDatabase database;
    prepare(database);
    RedisServer redis;
    DssServer server(database.url(), {{"CACHE_HOST", redis.url()}});
    HawkSession session(server.port(), kRedisClient);
    EXPECT_EQ(session.get("/api/v1/get-ons-postcodes/").reply.status, 200);
    redis.stop();
    auto refused = session.get("/api/v1/get-ons-postcodes/");
    EXPECT_EQ(refused.reply.status, 503);
    EXPECT_TRUE(server.process().wait_for_output("Redis nonce store", std::chrono::seconds(5)));
}

}  // namespace
}  // namespace dss::test

namespace dss::test {
namespace {

// A CA and a certificate for "localhost" signed by it, made with the openssl command.
class TestCertificates {
   public:
    TestCertificates() {
        auto dir = directory_.path().string();
        run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=dss-test-ca -keyout " +
            dir + "/ca.key -out " + dir + "/ca.crt");
        run("openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout " + dir +
            "/server.key -out " + dir + "/server.csr");
        directory_.write("san.ext", "subjectAltName=DNS:localhost\n");
        run("openssl x509 -req -in " + dir + "/server.csr -CA " + dir + "/ca.crt -CAkey " + dir +
            "/ca.key -CAcreateserial -days 2 -extfile " + dir + "/san.ext -out " + dir +
            "/server.crt");
    }
    RedisServer::Tls tls() const {
        auto dir = directory_.path().string();
        return {dir + "/server.crt", dir + "/server.key", dir + "/ca.crt"};
    }

   private:
    static void run(const std::string& command) {
        auto result = run_command({"/bin/sh", "-c", command + " 2>&1"});
        if (result.exit_status != 0) throw std::runtime_error(command + ": " + result.out);
    }
    TemporaryDirectory directory_;
};

TEST(RedisNonceStore, SpeaksTlsForRedissUrlsAndChecksTheCertificate) {
    TestCertificates certificates;
    RedisServer redis({}, certificates.tls());
    auto endpoint = auth::RedisEndpoint::parse(redis.url(), 6379, "", false);
    ASSERT_TRUE(endpoint.tls);
    endpoint.ca_file = certificates.tls().ca_file;
    auth::RedisNonceStore trusted(endpoint);
    EXPECT_TRUE(trusted.remember("tls:n:1", std::chrono::seconds(60)));
    EXPECT_FALSE(trusted.remember("tls:n:1", std::chrono::seconds(60)));

    auto untrusted_endpoint = auth::RedisEndpoint::parse(redis.url(), 6379, "", false);
    auth::RedisNonceStore untrusted(untrusted_endpoint);  // the system's CAs do not know ours
    EXPECT_THROW(untrusted.remember("tls:n:2", std::chrono::seconds(60)),
                 auth::NonceStoreUnavailable);
}

TEST(RedisNonces, DssServeUsesRedisOverTls) {
    TestCertificates certificates;
    RedisServer redis({}, certificates.tls());
    TestDatabase database;
    prepare(database);
    DssServer server(database.url(),
                     {{"CACHE_HOST", redis.url()}, {"CACHE_CA_FILE", certificates.tls().ca_file}});
    HawkSession session(server.port(), kRedisClient);
    EXPECT_EQ(session.get("/api/v1/get-ons-postcodes/").reply.status, 200);
}

}  // namespace
}  // namespace dss::test
