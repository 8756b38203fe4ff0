// Outgoing HTTP requests over libcurl (the Hawk request command, later sources, S3, SSO and
// data-flow).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dss::http_client {

// Signs the request with AWS Signature Version 4 (libcurl's CURLOPT_AWS_SIGV4).
struct AwsSigning {
    std::string access_key_id;
    std::string secret_access_key;
    std::string region;
    std::string service = "s3";
};

struct ClientRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::seconds timeout{60};
    std::optional<AwsSigning> aws;
};

struct ClientResponse {
    long status = 0;
    std::string reason;  // from the status line
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The first header of that name (case-insensitive), "" when absent.
    std::string header(std::string_view name) const;
};

// Sends the request and reads the whole response; throws std::runtime_error on transport errors.
ClientResponse send_request(const ClientRequest& request);

struct UrlParts {
    std::string scheme;
    std::string host;
    std::uint16_t port = 0;  // the scheme's default when the URL has none
    std::string resource;    // path and query, as they will be sent
};

// Splits an absolute http(s) URL with libcurl's parser; throws std::invalid_argument.
UrlParts parse_url(const std::string& url);

}  // namespace dss::http_client
