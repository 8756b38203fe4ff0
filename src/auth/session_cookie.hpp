// The staff session: a small JSON object sealed into one cookie with AES-256-GCM, so that the
// browser can neither read it (it holds the SSO token) nor change it undetected.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace dss::auth {

class SessionSealer {
   public:
    using Clock = std::chrono::system_clock;

    // The key is derived from app.secret_key; `max_age` bounds how long a sealed session is
    // accepted, whatever the browser does with the cookie.
    SessionSealer(std::string_view secret_key, std::chrono::seconds max_age);

    // "v1." + base64url(nonce | ciphertext | tag); the time of sealing travels inside.
    std::string seal(const nlohmann::json& session, Clock::time_point now = Clock::now()) const;
    // The session, or nullopt when the text was not sealed with this key, was changed, or is
    // older than max_age.
    std::optional<nlohmann::json> open(std::string_view sealed,
                                       Clock::time_point now = Clock::now()) const;

   private:
    std::string key_;
    std::chrono::seconds max_age_;
};

}  // namespace dss::auth
