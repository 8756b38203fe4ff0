// Response construction helpers.
#include "http/responses.hpp"

#include <array>
#include <ctime>

namespace dss::http {

Response json_response(Status status, const nlohmann::json& body) {
    Response response{status, 11};
    response.set(beast_http::field::content_type, "application/json");
    response.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response empty_response(Status status) {
    Response response{status, 11};
    return response;
}

std::string http_date(std::chrono::system_clock::time_point when) {
    auto seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 40> text{};
    auto length = std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return {text.data(), length};
}

Response HttpError::to_response() const {
    auto response = body_.is_null() ? empty_response(status_) : json_response(status_, body_);
    for (const auto& [name, value] : headers_) response.set(name, value);
    return response;
}

}  // namespace dss::http
