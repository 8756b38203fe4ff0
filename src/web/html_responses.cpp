// Header values kept in one place, so every page gets the same protections.
#include "web/html_responses.hpp"

#include "core/utf8.hpp"

namespace dss::web {

http::Response html_response(http::Status status, std::string body) {
    http::Response response{status, 11};
    response.set(http::beast_http::field::content_type, "text/html; charset=utf-8");
    response.set(http::beast_http::field::cache_control, "no-store");
    response.set("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    response.set("X-Frame-Options", "DENY");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "same-origin");
    response.body() = std::move(body);
    return response;
}

http::Response redirect_to(std::string_view location, http::Status status) {
    http::Response response{status, 11};
    response.set(http::beast_http::field::location, location);
    response.set(http::beast_http::field::cache_control, "no-store");
    return response;
}

std::string local_path_or_root(std::string_view next) {
    bool local = next.starts_with('/') && !next.starts_with("//") &&
                 next.find('\\') == std::string_view::npos && core::is_valid_utf8(next) &&
                 !core::has_control_characters(next);
    return local ? std::string(next) : std::string("/");
}

}  // namespace dss::web
