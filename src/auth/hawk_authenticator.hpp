// Hawk request authentication and response signing for dss serve. Handlers never see the
// Authorization header: they receive the result, a HawkPrincipal.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "auth/hawk_artifacts.hpp"
#include "auth/nonce_store.hpp"
#include "core/settings.hpp"
#include "http/request_context.hpp"

namespace dss::auth {

// A registered client: its key and the endpoints (scopes) it may call; "*" allows all.
struct HawkClient {
    HawkCredentials credentials;
    std::vector<std::string> scopes;
};

// Who is calling, with which scopes, and the artifacts needed to sign the response.
struct HawkPrincipal {
    HawkClient client;
    HawkArtifacts artifacts;

    bool allows(std::string_view scope) const;
};

// Authentication failed (401). `reason` is for the log; `challenge` is the WWW-Authenticate
// value.
class HawkUnauthorized : public std::runtime_error {
   public:
    HawkUnauthorized(const std::string& reason, std::string challenge)
        : std::runtime_error(reason), challenge_(std::move(challenge)) {}
    const std::string& challenge() const { return challenge_; }

   private:
    std::string challenge_;
};

using HawkClientLookup = std::function<std::optional<HawkClient>(const std::string& id)>;

class HawkAuthenticator {
   public:
    using Clock = std::function<std::int64_t()>;  // seconds since the epoch

    HawkAuthenticator(core::HawkSettings settings, bool trust_proxy, HawkClientLookup lookup,
                      NonceStore& nonces, Clock clock = {});

    // Checks, in the reference's order: header syntax (MalformedHawkHeader), credentials, MAC,
    // payload hash, nonce, timestamp (HawkUnauthorized). Throws NonceStoreUnavailable when the
    // shared nonce store is down.
    HawkPrincipal authenticate(const http::Request& request) const;

    // Server-Authorization value for a response to `principal`'s request.
    std::string response_header(const HawkPrincipal& principal, std::string_view body,
                                std::string_view content_type) const;

   private:
    HawkArtifacts request_artifacts(const http::Request& request) const;
    void check_payload(const http::Request& request, const std::optional<std::string>& hash,
                       const HawkClient& client) const;

    core::HawkSettings settings_;
    bool trust_proxy_;
    HawkClientLookup lookup_;
    NonceStore& nonces_;
    Clock clock_;
};

// How long a nonce must be remembered: a request is accepted while its timestamp is within
// the skew of the server's clock, so a nonce first seen up to one skew before its timestamp
// can come back until one skew after it.
std::chrono::seconds nonce_lifetime(const core::HawkSettings& settings);

}  // namespace dss::auth
