// Server-side Hawk checks with a fixed clock, fixed clients and the in-process nonce store.
#include "auth/hawk_authenticator.hpp"

#include <gtest/gtest.h>

#include "auth/hawk_client.hpp"
#include "auth/hawk_header.hpp"
#include "auth/in_process_nonce_store.hpp"

namespace dss::auth {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

class HawkAuthenticatorTest : public ::testing::Test {
   protected:
    core::HawkSettings settings;
    InProcessNonceStore nonces;
    HawkCredentials credentials{"client", "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn", "sha256"};

    HawkAuthenticator authenticator(bool trust_proxy = false) {
        return {settings, trust_proxy,
                [this](const std::string& id) -> std::optional<HawkClient> {
                    if (id != credentials.id) return std::nullopt;
                    return HawkClient{credentials, {"list_things"}};
                },
                nonces, [] { return kNow; }};
    }

    http::Request request(const std::string& target,
                          const std::optional<HawkPayload>& payload = std::nullopt,
                          std::int64_t ts = kNow, const std::string& nonce = "abc123",
                          const HawkCredentials* signer = nullptr) {
        http::Request message{payload ? http::Verb::post : http::Verb::get, target, 11};
        message.set(http::beast_http::field::host, "example.com:8080");
        auto url = http_client::parse_url("http://example.com:8080" + target);
        auto signed_request = sign_request(signer ? *signer : credentials, payload ? "POST" : "GET",
                                           url, payload, {}, ts, nonce);
        message.set(http::beast_http::field::authorization, signed_request.authorization);
        if (payload) {
            message.set(http::beast_http::field::content_type, payload->content_type);
            message.body() = payload->body;
        }
        return message;
    }

    std::string unauthorized_reason(const http::Request& message, bool trust_proxy = false) {
        try {
            authenticator(trust_proxy).authenticate(message);
        } catch (const HawkUnauthorized& error) {
            return error.what();
        }
        return "authenticated";
    }
};

TEST_F(HawkAuthenticatorTest, AcceptsAGoodRequestAndReturnsThePrincipal) {
    auto principal = authenticator().authenticate(request("/api/v1/x/?a=b"));
    EXPECT_EQ(principal.client.credentials.id, "client");
    EXPECT_EQ(principal.artifacts.host, "example.com");
    EXPECT_EQ(principal.artifacts.port, 8080);
    EXPECT_EQ(principal.artifacts.resource, "/api/v1/x/?a=b");
    EXPECT_TRUE(principal.allows("list_things"));
    EXPECT_FALSE(principal.allows("other"));
}

TEST_F(HawkAuthenticatorTest, RefusesAReplay) {
    auto message = request("/x");
    authenticator().authenticate(message);
    EXPECT_EQ(unauthorized_reason(message), "Invalid nonce (replay) from client client");
}

// Remembers what it was asked to remember, for how long.
class RecordingNonceStore final : public NonceStore {
   public:
    bool remember(const std::string& /*key*/, std::chrono::seconds ttl) override {
        ttls.push_back(ttl);
        return true;
    }
    std::vector<std::chrono::seconds> ttls;
};

TEST_F(HawkAuthenticatorTest, NoncesAreKeptForTwiceTheAllowedSkew) {
    RecordingNonceStore recording;
    for (std::int64_t skew : {60, 600}) {
        settings.timestamp_skew_seconds = skew;
        HawkAuthenticator checker{settings, false,
                                  [this](const std::string&) -> std::optional<HawkClient> {
                                      return HawkClient{credentials, {"list_things"}};
                                  },
                                  recording, [] { return kNow; }};
        checker.authenticate(request("/x", std::nullopt, kNow, "n" + std::to_string(skew)));
        ASSERT_FALSE(recording.ttls.empty());
        EXPECT_EQ(recording.ttls.back(), std::chrono::seconds(2 * skew + 1));
    }
}

TEST_F(HawkAuthenticatorTest, NonceCheckCanBeSwitchedOff) {
    settings.nonce_enabled = false;
    auto message = request("/x");
    authenticator().authenticate(message);
    EXPECT_NO_THROW(authenticator().authenticate(message));
}

TEST_F(HawkAuthenticatorTest, RefusesAWrongKeyAndAnUnknownId) {
    HawkCredentials wrong{"client", "not the key", "sha256"};
    EXPECT_EQ(unauthorized_reason(request("/x", std::nullopt, kNow, "n1", &wrong)),
              "Bad mac for client client");
    HawkCredentials stranger{"stranger", "key", "sha256"};
    EXPECT_EQ(unauthorized_reason(request("/x", std::nullopt, kNow, "n2", &stranger)),
              "Unknown credentials: stranger");
}

TEST_F(HawkAuthenticatorTest, RefusesATamperedTarget) {
    auto message = request("/x?next-id=1");
    message.target("/x?next-id=2");
    EXPECT_EQ(unauthorized_reason(message), "Bad mac for client client");
}

TEST_F(HawkAuthenticatorTest, StaleTimestampAnswersWithServerTimeAndItsMac) {
    auto message = request("/x", std::nullopt, kNow - 61);
    try {
        authenticator().authenticate(message);
        FAIL() << "stale request accepted";
    } catch (const HawkUnauthorized& error) {
        auto attributes = parse_hawk_attributes(error.challenge(), kChallengeAttributes);
        EXPECT_EQ(attributes.at("error"), "Stale timestamp");
        EXPECT_EQ(attributes.at("ts"), std::to_string(kNow));
        EXPECT_FALSE(attributes.at("tsm").empty());
    }
    EXPECT_EQ(unauthorized_reason(request("/x", std::nullopt, kNow - 60, "n3")), "authenticated");
}

TEST_F(HawkAuthenticatorTest, LocaltimeOffsetShiftsTheServerClock) {
    settings.localtime_offset_seconds = 3600;
    EXPECT_EQ(unauthorized_reason(request("/x", std::nullopt, kNow + 3600)), "authenticated");
}

TEST_F(HawkAuthenticatorTest, PayloadHashMustMatchTheBody) {
    auto message = request("/x", HawkPayload{R"({"a":1})", "application/json"});
    EXPECT_EQ(unauthorized_reason(message), "authenticated");
    auto tampered = request("/x", HawkPayload{R"({"a":1})", "application/json"}, kNow, "n4");
    tampered.body() = R"({"a":2})";
    EXPECT_EQ(unauthorized_reason(tampered), "Bad payload hash");
}

TEST_F(HawkAuthenticatorTest, BodyWithoutHashNeedsUntrustedContentAllowed) {
    auto message = request("/x");
    message.body() = "data";
    message.set(http::beast_http::field::content_type, "text/plain");
    EXPECT_EQ(unauthorized_reason(message), "Missing required payload hash");
    settings.accept_untrusted_content = true;
    EXPECT_EQ(unauthorized_reason(message), "authenticated");
}

TEST_F(HawkAuthenticatorTest, MissingOrForeignAuthorizationIsUnauthorizedAndMalformedIsNot) {
    http::Request message{http::Verb::get, "/x", 11};
    EXPECT_EQ(unauthorized_reason(message), "no Authorization header");
    message.set(http::beast_http::field::authorization, "Basic abc");
    EXPECT_EQ(unauthorized_reason(message), "Authorization is not Hawk");
    message.set(http::beast_http::field::authorization, "Hawk id=\"x\"");
    EXPECT_THROW(authenticator().authenticate(message), MalformedHawkHeader);
}

TEST_F(HawkAuthenticatorTest, ForwardedHostCountsOnlyBehindATrustedProxy) {
    http::Request message{http::Verb::get, "/x", 11};
    auto signed_request =
        sign_request(credentials, "GET", http_client::parse_url("https://data.example.gov/x"),
                     std::nullopt, {}, kNow, "n5");
    message.set(http::beast_http::field::host, "10.0.0.5:5050");
    message.set("X-Forwarded-Host", "data.example.gov");
    message.set("X-Forwarded-Proto", "https");
    message.set(http::beast_http::field::authorization, signed_request.authorization);
    EXPECT_EQ(unauthorized_reason(message, false), "Bad mac for client client");
    EXPECT_EQ(unauthorized_reason(message, true), "authenticated");
}

TEST_F(HawkAuthenticatorTest, ResponseHeaderVerifiesOnTheClient) {
    auto url = http_client::parse_url("http://example.com:8080/x");
    auto signed_request = sign_request(credentials, "GET", url, std::nullopt, {}, kNow, "n6");
    http::Request message{http::Verb::get, "/x", 11};
    message.set(http::beast_http::field::host, "example.com:8080");
    message.set(http::beast_http::field::authorization, signed_request.authorization);
    auto principal = authenticator().authenticate(message);
    auto header = authenticator().response_header(principal, R"({"ok":true})", "application/json");
    EXPECT_TRUE(verify_server_authorization(credentials, signed_request.artifacts, header,
                                            R"({"ok":true})", "application/json"));
    EXPECT_FALSE(verify_server_authorization(credentials, signed_request.artifacts, header,
                                             R"({"ok":false})", "application/json"));
}

}  // namespace
}  // namespace dss::auth
