// Staff pages need a signed-in user (uploader.md, "Sign-in"). The guard opens the session,
// asks the SSO provider (through its short cache) whether the token still holds, checks the
// CSRF token of a form post, and only then runs the page; the handler gets the user as a value
// and never reads cookies itself.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/router.hpp"
#include "web/site_services.hpp"
#include "web/staff_session.hpp"

namespace dss::web {

class StaffRequest {
   public:
    StaffRequest(const http::RequestContext& context, StaffSession& staff_session,
                 auth::StaffUser staff_user, std::vector<std::pair<std::string, std::string>> form)
        : http(context),
          session(staff_session),
          user(std::move(staff_user)),
          form_(std::move(form)) {}

    const http::RequestContext& http;
    StaffSession& session;
    const auth::StaffUser user;

    // A field of the posted form (application/x-www-form-urlencoded), trimmed of nothing.
    std::optional<std::string> field(std::string_view name) const;

   private:
    std::vector<std::pair<std::string, std::string>> form_;
};

using StaffHandler = std::function<http::Response(StaffRequest&)>;

// The user whose session this is; throws http::EarlyResponse with what to send instead: a
// redirect to sign in (no session, a token the provider refuses) or a 503 page (the provider
// cannot be asked).
auth::StaffUser signed_in_user(SiteServices& services, const http::RequestContext& context,
                               StaffSession& session);
// Throws http::EarlyResponse (a 400 page) unless `sent` is the session's CSRF token.
void check_csrf(const SiteServices& services, StaffSession& session,
                const std::optional<std::string>& sent);

// `handler` behind sign-in: without a valid session, a redirect to /login?next=<this URL>.
http::Handler staff_only(SiteServices& services, StaffHandler handler);

// The page `name` with `model`, plus what every staff page shows (the user, the CSRF token,
// whether the model has errors).
http::Response staff_page(const SiteServices& services, StaffSession& session,
                          const auth::StaffUser& user, std::string_view name, nlohmann::json model,
                          http::Status status = http::Status::ok);
inline http::Response staff_page(const SiteServices& services, StaffRequest& request,
                                 std::string_view name, nlohmann::json model,
                                 http::Status status = http::Status::ok) {
    return staff_page(services, request.session, request.user, name, std::move(model), status);
}

// An error page ("Page not found", "There is a problem") for staff and signed-out visitors.
http::Response error_page(const SiteServices& services, http::Status status,
                          const std::string& heading, const std::string& message);

// Whether the request came over https (directly, or through a proxy dss trusts).
bool is_secure(const core::Settings& settings, const http::Request& request);

}  // namespace dss::web
