// The order matters: session, then the provider, then CSRF, so that a forged post from a
// signed-out browser is sent to sign in rather than told about tokens.
#include "web/staff_guard.hpp"

#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "http/request_origin.hpp"
#include "http/responses.hpp"
#include "http/url_encoding.hpp"
#include "web/html_responses.hpp"

namespace dss::web {
namespace {

constexpr std::string_view kFormType = "application/x-www-form-urlencoded";

bool is_form_post(const http::Request& request) { return request.method() == http::Verb::post; }

std::vector<std::pair<std::string, std::string>> form_fields(const http::Request& request) {
    auto type = request[http::beast_http::field::content_type];
    if (!type.starts_with(kFormType)) return {};
    return http::parse_query(request.body());
}

std::optional<std::string> first(const std::vector<std::pair<std::string, std::string>>& fields,
                                 std::string_view name) {
    for (const auto& [key, value] : fields) {
        if (key == name) return value;
    }
    return std::nullopt;
}

http::Response to_sign_in(const http::RequestContext& context) {
    return redirect_to("/login?next=" + http::percent_encode(context.request().target(), "/"),
                       http::Status::found);
}

}  // namespace

std::optional<std::string> StaffRequest::field(std::string_view name) const {
    return first(form_, name);
}

bool is_secure(const core::Settings& settings, const http::Request& request) {
    return http::request_origin(request, settings.http.trust_proxy).scheme == "https";
}

http::Response error_page(const SiteServices& services, http::Status status,
                          const std::string& heading, const std::string& message) {
    nlohmann::json model = {{"title", heading}, {"heading", heading}, {"message", message}};
    return html_response(status, services.pages.render("error", model));
}

http::Response staff_page(const SiteServices& services, StaffSession& session,
                          const auth::StaffUser& user, std::string_view name, nlohmann::json model,
                          http::Status status) {
    model["signed_in"] = true;
    model["user_name"] = user.name;
    model["csrf_token"] = session.csrf_token();
    auto errors = model.find("errors");
    model["has_errors"] = errors != model.end() && errors->is_array() && !errors->empty();
    return html_response(status, services.pages.render(name, model));
}

auth::StaffUser signed_in_user(SiteServices& services, const http::RequestContext& context,
                               StaffSession& session) {
    auto token = session.get(services.settings.session_secret_key);
    if (!token) throw http::EarlyResponse(to_sign_in(context));
    std::optional<auth::StaffUser> user;
    try {
        user = services.sso.user(*token);
    } catch (const auth::SsoUnavailable& error) {
        core::logger("sso")->warn("{}", error.what());
        throw http::EarlyResponse(
            error_page(services, http::Status::service_unavailable,
                       "Sorry, there is a problem with the service",
                       "Signing in is not possible at the moment. Try again later."));
    }
    if (!user) {
        session.erase(services.settings.session_secret_key);
        auto response = to_sign_in(context);
        session.write_to(response, is_secure(services.settings, context.request()));
        throw http::EarlyResponse(std::move(response));
    }
    return std::move(*user);
}

void check_csrf(const SiteServices& services, StaffSession& session,
                const std::optional<std::string>& sent) {
    auto expected = session.get("csrf");
    if (!sent || !expected || !core::constant_time_equals(*sent, *expected)) {
        throw http::EarlyResponse(error_page(
            services, http::Status::bad_request, "The form could not be sent",
            "The form's security token was missing or out of date. Go back, reload the page "
            "and try again."));
    }
}

http::Handler staff_only(SiteServices& services, StaffHandler handler) {
    return [&services, handler = std::move(handler)](const http::RequestContext& context) {
        StaffSession session(services.sealer, context.request());
        auto secure = is_secure(services.settings, context.request());
        auto finish = [&](http::Response response) {
            session.write_to(response, secure);
            return response;
        };
        auto user = signed_in_user(services, context, session);
        std::vector<std::pair<std::string, std::string>> form;
        if (is_form_post(context.request())) {
            form = form_fields(context.request());
            check_csrf(services, session, first(form, "csrf_token"));
        }
        StaffRequest request(context, session, std::move(user), std::move(form));
        try {
            return finish(handler(request));
        } catch (const http::EarlyResponse& early) {
            return finish(early.response());
        }
    };
}

}  // namespace dss::web
