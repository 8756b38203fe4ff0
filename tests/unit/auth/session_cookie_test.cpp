// The sealed session cookie: readable only with the key, unchangeable, and bounded in age.
#include "auth/session_cookie.hpp"

#include <gtest/gtest.h>

namespace dss::auth {
namespace {

using namespace std::chrono_literals;

TEST(SessionSealer, OpensWhatItSealed) {
    SessionSealer sealer("secret", 1h);
    nlohmann::json session = {{"token", "abc"}, {"csrf", "xyz"}};
    auto sealed = sealer.seal(session);
    EXPECT_TRUE(sealed.starts_with("v1."));
    EXPECT_EQ(sealed.find("abc"), std::string::npos);
    EXPECT_EQ(sealer.open(sealed), session);
    // Two seals of one session differ (a fresh nonce each time).
    EXPECT_NE(sealer.seal(session), sealed);
}

TEST(SessionSealer, RefusesOtherKeysChangesAndJunk) {
    SessionSealer sealer("secret", 1h);
    auto sealed = sealer.seal({{"token", "abc"}});
    EXPECT_EQ(SessionSealer("another secret", 1h).open(sealed), std::nullopt);
    for (std::size_t at = 3; at < sealed.size(); at += 7) {
        auto changed = sealed;
        changed[at] = changed[at] == 'A' ? 'B' : 'A';
        EXPECT_EQ(sealer.open(changed), std::nullopt) << at;
    }
    for (const auto* junk : {"", "v1.", "v1.!!!!",
                             "v2."
                             "AAAA",
                             "v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
        EXPECT_EQ(sealer.open(junk), std::nullopt) << junk;
    }
}

TEST(SessionSealer, RefusesSessionsOlderThanItsMaximumAge) {
    SessionSealer sealer("secret", 1h);
    auto now = SessionSealer::Clock::now();
    auto sealed = sealer.seal({{"token", "abc"}}, now);
    EXPECT_NE(sealer.open(sealed, now + 59min), std::nullopt);
    EXPECT_EQ(sealer.open(sealed, now + 61min), std::nullopt);
    // Nor one sealed in the future (a clock far off, or a forged time).
    EXPECT_EQ(sealer.open(sealed, now - 10min), std::nullopt);
}

}  // namespace
}  // namespace dss::auth
