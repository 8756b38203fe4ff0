// Authentication failures become 400/401/503 here; handlers only ever run authenticated.
#include "api/hawk_guard.hpp"

#include "auth/hawk_header.hpp"
#include "core/logging.hpp"
#include "http/responses.hpp"

namespace dss::api {

http::Router::Guard make_hawk_guard(const core::Settings& settings,
                                    const auth::HawkAuthenticator& authenticator) {
    return
        [&settings, &authenticator](const http::Route& route, const http::RequestContext& context) {
            if (!settings.hawk.enabled) return route.handler(context);
            auth::HawkPrincipal principal;
            try {
                principal = authenticator.authenticate(context.request());
            } catch (const auth::MalformedHawkHeader& error) {
                throw http::HttpError::bad_request(error.what());
            } catch (const auth::HawkUnauthorized& error) {
                core::logger("auth")->info("{} {}: 401: {}",
                                           std::string_view(context.request().method_string()),
                                           context.path(), error.what());
                throw http::HttpError(http::Status::unauthorized, nullptr,
                                      {{"WWW-Authenticate", error.challenge()}});
            } catch (const auth::NonceStoreUnavailable&) {
                // Fail closed: without the shared store a replay could not be detected.
                throw http::HttpError(http::Status::service_unavailable, nullptr);
            }
            if (!principal.allows(route.scope)) {
                core::logger("auth")->info("{} {}: 401: client {} lacks scope {}",
                                           std::string_view(context.request().method_string()),
                                           context.path(), principal.client.credentials.id,
                                           route.scope);
                throw http::HttpError(http::Status::unauthorized, nullptr,
                                      {{"WWW-Authenticate", "Hawk"}});
            }
            auto response = http::respond(route.handler, context);
            if (settings.hawk.response_header) {
                auto content_type = response[http::beast_http::field::content_type];
                response.set("Server-Authorization",
                             authenticator.response_header(
                                 principal, response.body(),
                                 std::string_view(content_type.data(), content_type.size())));
            }
            return response;
        };
}

}  // namespace dss::api
