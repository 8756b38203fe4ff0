// Building responses, and the exception that carries an HTTP status out of a handler.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http/request_context.hpp"

namespace dss::http {

Response json_response(Status status, const nlohmann::json& body);
Response empty_response(Status status);
// `when` as RFC 9110 wants it in Date: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point when);

// Thrown by handlers for an expected refusal (bad parameter, unknown table ...); the router
// turns it into the response. `body` is sent as application/json unless it is empty.
class HttpError : public std::runtime_error {
   public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    // A null `body` sends no body at all.
    HttpError(Status status, nlohmann::json body, Headers headers = {})
        : std::runtime_error(body.is_null() ? std::string(obsolete_reason(status)) : body.dump()),
          status_(status),
          body_(std::move(body)),
          headers_(std::move(headers)) {}

    Status status() const { return status_; }
    const nlohmann::json& body() const { return body_; }
    const Headers& headers() const { return headers_; }
    Response to_response() const;

    // {"error": message}, the shape of the API's bad-input answers.
    static HttpError bad_request(const std::string& message) {
        return {Status::bad_request, {{"error", message}}};
    }

   private:
    Status status_;
    nlohmann::json body_;
    Headers headers_;
};

// A whole response thrown from deep in a handler (an HTML "Page not found", a refused form),
// sent as it is.
class EarlyResponse : public std::exception {
   public:
    explicit EarlyResponse(Response response) : response_(std::move(response)) {}
    const char* what() const noexcept override { return "early response"; }
    const Response& response() const { return response_; }

   private:
    Response response_;
};

}  // namespace dss::http
