// Cookie parsing is limited to finding our one cookie in the Cookie header.
#include "web/staff_session.hpp"

#include "core/crypto.hpp"

namespace dss::web {
namespace {

constexpr std::string_view kCsrfKey = "csrf";

std::optional<std::string_view> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        auto end = header.find(';');
        auto pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        while (pair.starts_with(' ')) pair.remove_prefix(1);
        auto equals = pair.find('=');
        if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
            return pair.substr(equals + 1);
        }
    }
    return std::nullopt;
}

}  // namespace

StaffSession::StaffSession(const auth::SessionSealer& sealer, const http::Request& request)
    : sealer_(sealer) {
    auto header = request.find(http::beast_http::field::cookie);
    if (header == request.end()) return;
    auto sealed = cookie_value(header->value(), kCookieName);
    if (!sealed) return;
    if (auto opened = sealer_.open(*sealed)) values_ = std::move(*opened);
}

std::optional<std::string> StaffSession::get(std::string_view key) const {
    auto found = values_.find(key);
    if (found == values_.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
}

void StaffSession::set(std::string_view key, std::string value) {
    values_[std::string(key)] = std::move(value);
    changed_ = true;
}

void StaffSession::erase(std::string_view key) {
    if (values_.erase(std::string(key)) > 0) changed_ = true;
}

void StaffSession::clear() {
    values_ = nlohmann::json::object();
    changed_ = true;
}

std::string StaffSession::csrf_token() {
    if (auto token = get(kCsrfKey)) return *token;
    auto token = core::random_token(40);
    set(kCsrfKey, token);
    return token;
}

void StaffSession::write_to(http::Response& response, bool secure) const {
    if (!changed_) return;
    std::string cookie(kCookieName);
    if (values_.empty()) {
        cookie += "=; Max-Age=0";
    } else {
        cookie += "=" + sealer_.seal(values_);
    }
    cookie += "; Path=/; HttpOnly; SameSite=Lax";
    if (secure) cookie += "; Secure";
    response.insert(http::beast_http::field::set_cookie, cookie);
}

}  // namespace dss::web
