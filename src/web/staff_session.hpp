// One request's view of the staff session cookie: opened at the start, sent back (Set-Cookie)
// only when the request changed it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "auth/session_cookie.hpp"
#include "http/request_context.hpp"

namespace dss::web {

class StaffSession {
   public:
    static constexpr std::string_view kCookieName = "dss_session";

    // An absent, forged, changed or expired cookie is an empty session.
    StaffSession(const auth::SessionSealer& sealer, const http::Request& request);

    std::optional<std::string> get(std::string_view key) const;
    void set(std::string_view key, std::string value);
    void erase(std::string_view key);
    void clear();
    // This session's CSRF token, made on first use; every form carries it.
    std::string csrf_token();

    // Adds Set-Cookie when the session changed: HttpOnly, SameSite=Lax, Path=/, and Secure
    // when the page was served over https.
    void write_to(http::Response& response, bool secure) const;

   private:
    const auth::SessionSealer& sealer_;
    nlohmann::json values_ = nlohmann::json::object();
    bool changed_ = false;
};

}  // namespace dss::web
