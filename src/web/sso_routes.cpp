// The `state` sent to the provider is kept in the session and must come back unchanged; the
// page to return to (`next`) is kept there too, and only ever a local path.
#include "web/sso_routes.hpp"

#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "http/request_origin.hpp"
#include "web/html_responses.hpp"
#include "web/staff_guard.hpp"

namespace dss::web {
namespace {

constexpr std::string_view kStateKey = "oauth_state";
constexpr std::string_view kNextKey = "next";

std::string redirect_uri(const SiteServices& services, const http::Request& request) {
    auto origin = http::request_origin(request, services.settings.http.trust_proxy);
    return origin.scheme + "://" + origin.authority + "/login/authorised";
}

http::Response access_denied(const SiteServices& services, const std::string& message) {
    nlohmann::json model = {{"title", "Access denied"}, {"message", message}};
    return html_response(http::Status::forbidden, services.pages.render("access_denied", model));
}

http::Response login(SiteServices& services, const http::RequestContext& context) {
    StaffSession session(services.sealer, context.request());
    auto state = core::random_token(32);
    session.set(kStateKey, state);
    session.set(kNextKey, local_path_or_root(context.query("next").value_or("/")));
    auto response =
        redirect_to(services.sso.authorize_url(redirect_uri(services, context.request()), state),
                    http::Status::found);
    session.write_to(response, is_secure(services.settings, context.request()));
    return response;
}

http::Response authorised(SiteServices& services, const http::RequestContext& context) {
    StaffSession session(services.sealer, context.request());
    auto secure = is_secure(services.settings, context.request());
    auto finish = [&](http::Response response) {
        session.write_to(response, secure);
        return response;
    };
    auto expected = session.get(kStateKey);
    session.erase(kStateKey);
    // The state first: an error in a return this browser never asked for is someone else's
    // text, and is not shown.
    auto state = context.query("state");
    if (!expected || !state || !core::constant_time_equals(*state, *expected)) {
        core::logger("sso")->warn("sign-in refused: the state did not match");
        return finish(error_page(services, http::Status::bad_request, "Sign-in failed",
                                 "The sign-in could not be checked (its state did not match). "
                                 "Start again from the page you wanted."));
    }
    if (auto error = context.query("error")) {
        return finish(access_denied(services, "Access denied: reason=" + *error + " error=" +
                                                  context.query("error_description").value_or("")));
    }
    auto code = context.query("code");
    if (!code || code->empty()) {
        return finish(access_denied(services, "Access denied: reason=no code error="));
    }
    try {
        auto token = services.sso.exchange_code(*code, redirect_uri(services, context.request()));
        // A new session for the signed-in user: nothing planted before sign-in (a CSRF token
        // above all) carries over.
        auto next = session.get(kNextKey).value_or("/");
        session.clear();
        session.set(kNextKey, next);
        session.set(services.settings.session_secret_key, token);
    } catch (const auth::SsoDenied& denied) {
        return finish(access_denied(services, denied.what()));
    } catch (const auth::SsoUnavailable& error) {
        core::logger("sso")->warn("{}", error.what());
        return finish(error_page(services, http::Status::service_unavailable,
                                 "Sorry, there is a problem with the service",
                                 "Signing in is not possible at the moment. Try again later."));
    }
    auto next = local_path_or_root(session.get(kNextKey).value_or("/"));
    session.erase(kNextKey);
    return finish(redirect_to(next, http::Status::found));
}

http::Response logout(SiteServices& services, const http::RequestContext& context) {
    StaffSession session(services.sealer, context.request());
    if (auto token = session.get(services.settings.session_secret_key)) {
        services.sso.forget(*token);
    }
    session.clear();
    auto response = redirect_to(services.sso.logout_url(), http::Status::found);
    session.write_to(response, is_secure(services.settings, context.request()));
    return response;
}

}  // namespace

void add_sso_routes(http::Router& router, SiteServices& services) {
    router.add({http::Verb::get, "/login", "",
                [&services](const http::RequestContext& c) { return login(services, c); }});
    router.add({http::Verb::get, "/login/authorised", "",
                [&services](const http::RequestContext& c) { return authorised(services, c); }});
    router.add({http::Verb::get, "/logout", "",
                [&services](const http::RequestContext& c) { return logout(services, c); }});
}

}  // namespace dss::web
