// The OAuth 2.0 authorisation-code client for staff sign-in (uploader.md, "Sign-in"): the
// address to send a browser to, the code exchange, and the profile check that keeps a session
// valid, cached briefly so pages and progress polls do not each ask the provider.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/expiring_cache.hpp"
#include "core/settings.hpp"

namespace dss::auth {

// The provider answered the code exchange with an OAuth error, or with something else than a
// token. Shown to the user as "Access denied: reason=... error=...".
class SsoDenied : public std::runtime_error {
   public:
    SsoDenied(std::string reason, std::string description)
        : std::runtime_error("Access denied: reason=" + reason + " error=" + description),
          reason_(std::move(reason)),
          description_(std::move(description)) {}
    const std::string& reason() const { return reason_; }
    const std::string& description() const { return description_; }

   private:
    std::string reason_;
    std::string description_;
};

// The provider could not be asked (down, hanging, answering 5xx): nobody can be signed in or
// checked until it is back.
class SsoUnavailable : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

struct StaffUser {
    std::string name;   // "First Last", else the e-mail address, else the subject
    std::string email;  // may be empty
};

class SsoClient {
   public:
    SsoClient(core::SsoSettings settings, std::chrono::seconds timeout,
              std::chrono::seconds profile_cache_lifetime);

    std::string authorize_url(const std::string& redirect_uri, const std::string& state) const;
    // The access token for `code`; throws SsoDenied or SsoUnavailable.
    std::string exchange_code(const std::string& code, const std::string& redirect_uri) const;
    // Who holds `token`, or nullopt when the provider no longer accepts it (expired, revoked).
    // Throws SsoUnavailable. Answers are cached for the lifetime given above.
    std::optional<StaffUser> user(const std::string& token);
    // Stops trusting a cached answer for `token` (sign-out).
    void forget(const std::string& token);
    std::string logout_url() const;

   private:
    core::SsoSettings settings_;
    std::chrono::seconds timeout_;
    core::ExpiringCache<std::string, StaffUser> profiles_;
};

}  // namespace dss::auth
