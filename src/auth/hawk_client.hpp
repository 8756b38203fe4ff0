// The client side of Hawk: signing requests and checking the server's Server-Authorization.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/hawk_artifacts.hpp"
#include "http_client/http_client.hpp"

namespace dss::auth {

struct HawkPayload {
    std::string body;
    std::string content_type;
};

struct SignedRequest {
    std::string authorization;  // the Authorization header value
    HawkArtifacts artifacts;    // kept to verify the response
};

// Signs with the current time and a random nonce unless given.
SignedRequest sign_request(const HawkCredentials& credentials, std::string_view method,
                           const http_client::UrlParts& url,
                           const std::optional<HawkPayload>& payload, std::string_view ext = {},
                           std::optional<std::int64_t> ts = std::nullopt,
                           const std::optional<std::string>& nonce = std::nullopt);

// True when `header` (Server-Authorization) carries the MAC of this response to that request,
// and its hash matches `body` and `content_type`.
bool verify_server_authorization(const HawkCredentials& credentials, const HawkArtifacts& request,
                                 std::string_view header, std::string_view body,
                                 std::string_view content_type);

struct SignedResponse {
    http_client::ClientResponse response;
    // Whether the server's Server-Authorization verifies; nullopt when it sent none.
    std::optional<bool> server_authorization_valid;

    bool succeeded() const { return response.status >= 200 && response.status < 300; }
};

// Signs and sends one request (with the payload's hash when there is a payload), and checks
// the server's signature of the answer when it gives one.
SignedResponse send_signed_request(const HawkCredentials& credentials, std::string_view method,
                                   const std::string& url,
                                   const std::optional<HawkPayload>& payload = std::nullopt,
                                   std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace dss::auth
