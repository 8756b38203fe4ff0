// OAuth 2.0 over libcurl: form-encoded token requests, bearer-token profile requests.
#include "auth/sso_client.hpp"

#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "http/url_encoding.hpp"
#include "http_client/http_client.hpp"

namespace dss::auth {
namespace {

constexpr std::size_t kCachedProfiles = 10000;

http_client::ClientResponse send(const http_client::ClientRequest& request, std::string_view what) {
    try {
        return http_client::send_request(request);
    } catch (const http_client::TransportError& error) {
        throw SsoUnavailable("the sign-in service could not be reached for " + std::string(what) +
                             ": " + error.what());
    }
}

std::string text_field(const nlohmann::json& body, const char* name) {
    if (body.is_object() && body.contains(name) && body[name].is_string()) {
        return body[name].get<std::string>();
    }
    return {};
}

StaffUser user_from_profile(const nlohmann::json& profile) {
    StaffUser user;
    user.email = text_field(profile, "email");
    auto first = text_field(profile, "first_name");
    auto last = text_field(profile, "last_name");
    user.name = first.empty() || last.empty() ? first + last : first + " " + last;
    if (user.name.empty()) user.name = user.email;
    if (user.name.empty()) user.name = text_field(profile, "sub");
    return user;
}

}  // namespace

SsoClient::SsoClient(core::SsoSettings settings, std::chrono::seconds timeout,
                     std::chrono::seconds profile_cache_lifetime)
    : settings_(std::move(settings)),
      timeout_(timeout),
      profiles_(kCachedProfiles, profile_cache_lifetime) {}

std::string SsoClient::authorize_url(const std::string& redirect_uri,
                                     const std::string& state) const {
    return settings_.base_url + settings_.authorize_path + "?" +
           http::form_encode({{"response_type", "code"},
                              {"client_id", settings_.client_id},
                              {"redirect_uri", redirect_uri},
                              {"state", state}});
}

std::string SsoClient::exchange_code(const std::string& code,
                                     const std::string& redirect_uri) const {
    http_client::ClientRequest request;
    request.method = "POST";
    request.url = settings_.base_url + settings_.access_token_path;
    request.timeout = timeout_;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = http::form_encode({{"grant_type", "authorization_code"},
                                      {"code", code},
                                      {"redirect_uri", redirect_uri},
                                      {"client_id", settings_.client_id},
                                      {"client_secret", settings_.client_secret}});
    auto response = send(request, "the code exchange");
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (response.status >= 500) {
        throw SsoUnavailable("the sign-in service answered the code exchange with " +
                             std::to_string(response.status));
    }
    auto token = text_field(body, "access_token");
    if (response.status == 200 && !token.empty()) return token;
    auto error = text_field(body, "error");
    if (error.empty()) error = "HTTP " + std::to_string(response.status);
    throw SsoDenied(error, text_field(body, "error_description"));
}

std::optional<StaffUser> SsoClient::user(const std::string& token) {
    auto key = core::sha256(token);
    if (auto cached = profiles_.find(key)) return cached;
    http_client::ClientRequest request;
    request.url = settings_.base_url + settings_.profile_path;
    request.timeout = timeout_;
    request.headers = {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
    auto response = send(request, "the profile");
    if (response.status == 200) {
        auto user = user_from_profile(nlohmann::json::parse(response.body, nullptr, false));
        profiles_.put(key, user);
        return user;
    }
    if (response.status >= 500) {
        throw SsoUnavailable("the sign-in service answered the profile request with " +
                             std::to_string(response.status));
    }
    core::logger("sso")->info("the sign-in service refused a session's token ({})",
                              response.status);
    return std::nullopt;
}

void SsoClient::forget(const std::string& token) { profiles_.forget(core::sha256(token)); }

std::string SsoClient::logout_url() const { return settings_.base_url + settings_.logout_path; }

}  // namespace dss::auth
