// The bounded expiring cache: least recently used entries make room, expired ones are gone.
#include "core/expiring_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dss::core {
namespace {

using namespace std::chrono_literals;
using Cache = ExpiringCache<std::string, int>;

TEST(ExpiringCache, AFloodOfNewKeysPushesOutTheLeastRecentlyUsedOnly) {
    Cache cache(3, 10s);
    auto now = Cache::Clock::now();
    cache.put("client", 1, now);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(cache.find("client", now), 1) << "used every time, so never the one pushed out";
        cache.put("random-" + std::to_string(i), i, now);
    }
    EXPECT_EQ(cache.size(), 3U);
    EXPECT_EQ(cache.find("random-99", now), 99);
    EXPECT_EQ(cache.find("random-0", now), std::nullopt);
}

TEST(ExpiringCache, EntriesExpireAndCanBeForgotten) {
    Cache cache(10, 5s);
    auto now = Cache::Clock::now();
    cache.put("a", 1, now);
    cache.put("b", 2, now);
    EXPECT_EQ(cache.find("a", now + 4s), 1);
    EXPECT_EQ(cache.find("a", now + 5s), std::nullopt);
    cache.forget("b");
    EXPECT_EQ(cache.find("b", now), std::nullopt);
    cache.put("b", 3, now);
    EXPECT_EQ(cache.find("b", now), 3);
}

}  // namespace
}  // namespace dss::core
