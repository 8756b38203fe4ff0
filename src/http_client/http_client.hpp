// Outgoing HTTP requests over libcurl (the Hawk request command, later sources, S3, SSO and
// data-flow).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
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
    // The whole exchange; zero: no limit (a download of gigabytes), see stall_timeout.
    std::chrono::seconds timeout{60};
    // Given: the transfer is abandoned when no byte arrives for this long (a server that hangs
    // midway), and connecting may take no longer either.
    std::optional<std::chrono::seconds> stall_timeout;
    // Given: asked about once a second; true abandons the transfer (a job asked to stop).
    std::function<bool()> abort_requested;
    std::optional<AwsSigning> aws;
    bool follow_redirects = false;
    // Given: the body of a 2xx answer goes here piece by piece instead of into the response,
    // which keeps the first 64 KiB of any other answer and reads no further. An exception it
    // throws stops the transfer and comes out of send_request.
    std::function<void(std::string_view)> body_sink;
};

struct ClientResponse {
    long status = 0;
    std::string reason;  // from the status line
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string effective_url;  // where the answer came from, after redirects

    // The first header of that name (case-insensitive), "" when absent.
    std::string header(std::string_view name) const;
};

// No answer: the connection was refused, timed out, or was cut midway.
class TransportError : public std::runtime_error {
   public:
    TransportError(const std::string& message, bool transient)
        : std::runtime_error(message), transient_(transient) {}
    // Whether another try may succeed (refused, timed out, silent, cut short).
    bool transient() const { return transient_; }

   private:
    bool transient_;
};

// Sends the request and reads the whole response; throws TransportError when no whole answer
// came, and what the body sink threw.
ClientResponse send_request(const ClientRequest& request);

struct UrlParts {
    std::string scheme;
    std::string host;
    std::uint16_t port = 0;  // the scheme's default when the URL has none
    std::string resource;    // path and query, as they will be sent
};

// `reference` (an href: absolute, /rooted, ../relative or ?query) resolved against the page
// URL `base`, as a browser would; throws std::invalid_argument when it cannot be.
std::string resolve_url(const std::string& base, const std::string& reference);

// Splits an absolute http(s) URL with libcurl's parser; throws std::invalid_argument.
UrlParts parse_url(const std::string& url);

}  // namespace dss::http_client
