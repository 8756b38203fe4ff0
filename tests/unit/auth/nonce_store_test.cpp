// The in-process nonce store: first use accepted, replays refused, expiry honoured.
#include <gtest/gtest.h>

#include <thread>

#include "auth/in_process_nonce_store.hpp"
#include "auth/redis_connection.hpp"

namespace dss::auth {
namespace {

TEST(InProcessNonceStore, RefusesTheSameKeyWithinItsLifetime) {
    InProcessNonceStore store;
    EXPECT_TRUE(store.remember("id:nonce:1", std::chrono::seconds(300)));
    EXPECT_FALSE(store.remember("id:nonce:1", std::chrono::seconds(300)));
    EXPECT_TRUE(store.remember("id:nonce:2", std::chrono::seconds(300)));
}

TEST(InProcessNonceStore, ForgetsExpiredKeys) {
    InProcessNonceStore store;
    EXPECT_TRUE(store.remember("k", std::chrono::seconds(0)));
    EXPECT_TRUE(store.remember("k", std::chrono::seconds(1))) << "an expired key is new again";
}

TEST(RedisEndpoint, ParsesUrlsAndBareHosts) {
    auto plain = RedisEndpoint::parse("redis://cache:6380", 6379, "", true);
    EXPECT_EQ(plain.host, "cache");
    EXPECT_EQ(plain.port, 6380);
    EXPECT_FALSE(plain.tls);
    auto tls = RedisEndpoint::parse("rediss://:s3cret@cache.example", 6379, "", false);
    EXPECT_TRUE(tls.tls);
    EXPECT_EQ(tls.password, "s3cret");
    EXPECT_EQ(tls.port, 6379);
    auto bare = RedisEndpoint::parse("dss_redis", 7000, "pw", true);
    EXPECT_TRUE(bare.tls) << "cache.ssl decides for a bare host, as in the reference";
    EXPECT_EQ(bare.port, 7000);
    EXPECT_EQ(bare.password, "pw");
    EXPECT_THROW(RedisEndpoint::parse("redis://cache:port", 6379, "", false),
                 std::invalid_argument);
}

}  // namespace
}  // namespace dss::auth
