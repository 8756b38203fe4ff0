// libcurl easy interface with RAII handles; no exception crosses curl's C callbacks.
#include "http_client/http_client.hpp"

#include <curl/curl.h>

#include <array>
#include <cctype>
#include <chrono>
#include <exception>
#include <memory>
#include <stdexcept>

#include "core/ascii_case.hpp"

namespace dss::http_client {
namespace {

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;
using UrlHandle = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;

// Where a response body goes: the response, or the request's sink for a 2xx answer.
struct BodyTarget {
    CURL* curl = nullptr;
    std::string* body = nullptr;
    const std::function<void(std::string_view)>* sink = nullptr;
    std::exception_ptr failure;
    bool error_body_cut = false;  // an error page past kKeptErrorBody: the rest is not read
};

// Watches a transfer for silence: curl's own low-speed check averages over several seconds,
// so a server that stops sending would be noticed late.
struct StallWatch {
    std::optional<std::chrono::steady_clock::duration> limit;
    const std::function<bool()>* abort_requested = nullptr;
    bool aborted = false;
    curl_off_t bytes = -1;
    std::chrono::steady_clock::time_point last_change = std::chrono::steady_clock::now();
    bool stalled = false;
};

int on_progress(void* user, curl_off_t download_total, curl_off_t downloaded,
                curl_off_t upload_total, curl_off_t uploaded) noexcept {
    (void)download_total;
    (void)upload_total;
    auto& watch = *static_cast<StallWatch*>(user);
    if (*watch.abort_requested && (*watch.abort_requested)()) {
        watch.aborted = true;
        return 1;  // non-zero aborts the transfer
    }
    if (!watch.limit) return 0;
    auto now = std::chrono::steady_clock::now();
    if (downloaded + uploaded != watch.bytes) {
        watch.bytes = downloaded + uploaded;
        watch.last_change = now;
        return 0;
    }
    watch.stalled = now - watch.last_change > *watch.limit;
    return watch.stalled ? 1 : 0;
}

// Failures that another try may not meet: the server could not be reached, went silent, or
// cut the answer short. A name that does not resolve, a certificate that does not verify or a
// redirect loop will fail the same way again.
bool is_transient(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return true;
        default:
            return false;
    }
}

// An answer that is not the body asked for (an error page) is kept this far, for messages.
constexpr std::size_t kKeptErrorBody = std::size_t{64} * 1024;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& target = *static_cast<BodyTarget*>(user);
    try {
        std::string_view piece(data, size * count);
        long status = 0;
        if (*target.sink) curl_easy_getinfo(target.curl, CURLINFO_RESPONSE_CODE, &status);
        if (*target.sink && status >= 200 && status < 300) {
            (*target.sink)(piece);
        } else if (!*target.sink) {
            target.body->append(piece);
        } else if (target.body->size() < kKeptErrorBody) {
            target.body->append(piece.substr(0, kKeptErrorBody - target.body->size()));
        } else {
            // An error page is not worth reading to its end (it could be endless).
            target.error_body_cut = true;
            return 0;
        }
        return size * count;
    } catch (...) {
        target.failure = std::current_exception();
        return 0;  // tells curl to abort the transfer
    }
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* target) noexcept {
    try {
        auto& response = *static_cast<ClientResponse*>(target);
        std::string_view line(data, size * count);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
        if (line.starts_with("HTTP/")) {  // a new status line (after redirects or 100-continue)
            response.headers.clear();
            auto first_space = line.find(' ');
            auto second_space = line.find(' ', first_space + 1);
            response.reason = second_space == std::string_view::npos
                                  ? ""
                                  : std::string(line.substr(second_space + 1));
        } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
            auto value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
        }
        return size * count;
    } catch (...) {
        return 0;
    }
}

std::string url_part(CURLU* url, CURLUPart part, unsigned flags = 0) {
    char* value = nullptr;
    if (curl_url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) return {};
    std::unique_ptr<char, decltype(&curl_free)> owned(value, &curl_free);
    return value;
}

}  // namespace

std::string ClientResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (core::ascii_iequals(key, name)) return value;
    }
    return {};
}

ClientResponse send_request(const ClientRequest& request) {
    EasyHandle curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw std::runtime_error("cannot initialise libcurl");
    ClientResponse response;
    HeaderList headers(nullptr, &curl_slist_free_all);
    for (const auto& [name, value] : request.headers) {
        auto line = name;
        line.append(": ").append(value);
        auto* appended = curl_slist_append(headers.get(), line.c_str());
        if (appended == nullptr) throw std::runtime_error("out of memory building headers");
        // curl_slist_append returned the same list, grown: ownership stays in one place.
        (void)headers.release();
        headers.reset(appended);
    }
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(request.timeout.count()));
    StallWatch stall_watch;
    stall_watch.abort_requested = &request.abort_requested;
    if (request.stall_timeout) {
        stall_watch.limit = *request.stall_timeout;
        curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT,
                         static_cast<long>(request.stall_timeout->count()));
    }
    if (request.stall_timeout || request.abort_requested) {
        curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, &on_progress);
        curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &stall_watch);
        curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
    }
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    // Only the web: URLs come from publishers' pages and their redirects, and libcurl speaks
    // file, gopher, telnet and more.
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    std::string aws_provider;
    std::string aws_user;
    if (request.aws) {
        aws_provider = "aws:amz:" + request.aws->region + ":" + request.aws->service;
        aws_user = request.aws->access_key_id + ":" + request.aws->secret_access_key;
        curl_easy_setopt(curl.get(), CURLOPT_AWS_SIGV4, aws_provider.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_USERPWD, aws_user.c_str());
    }
    if (request.method == "HEAD") curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    if (request.follow_redirects) {
        curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 10L);
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    BodyTarget body_target{curl.get(), &response.body, &request.body_sink, nullptr, false};
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body_target);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &response);
    std::array<char, CURL_ERROR_SIZE> error{};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error.data());
    auto code = curl_easy_perform(curl.get());
    if (body_target.failure) std::rethrow_exception(body_target.failure);
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    char* effective_url = nullptr;
    curl_easy_getinfo(curl.get(), CURLINFO_EFFECTIVE_URL, &effective_url);
    response.effective_url = effective_url != nullptr ? effective_url : request.url;
    if (body_target.error_body_cut) return response;
    if (stall_watch.aborted) {
        throw TransportError(
            request.method + " " + request.url + " stopped: the job was asked to stop", false);
    }
    if (stall_watch.stalled) {
        throw TransportError(request.method + " " + request.url + " failed: nothing arrived for " +
                                 std::to_string(request.stall_timeout->count()) + " s",
                             true);
    }
    if (code != CURLE_OK) {
        throw TransportError(request.method + " " + request.url + " failed: " +
                                 (error[0] != '\0' ? error.data() : curl_easy_strerror(code)),
                             is_transient(code));
    }
    return response;
}

std::string resolve_url(const std::string& base, const std::string& reference) {
    UrlHandle url(curl_url(), &curl_url_cleanup);
    // Set on a handle that holds the base, a relative URL is resolved against it (RFC 3986).
    if (!url || curl_url_set(url.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK ||
        curl_url_set(url.get(), CURLUPART_URL, reference.c_str(), 0) != CURLUE_OK) {
        throw std::invalid_argument("cannot resolve '" + reference + "' against '" + base + "'");
    }
    return url_part(url.get(), CURLUPART_URL);
}

UrlParts parse_url(const std::string& text) {
    UrlHandle url(curl_url(), &curl_url_cleanup);
    if (!url || curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
        throw std::invalid_argument("not a valid URL: '" + text + "'");
    }
    UrlParts parts;
    parts.scheme = url_part(url.get(), CURLUPART_SCHEME);
    if (parts.scheme != "http" && parts.scheme != "https") {
        throw std::invalid_argument("URL must start with http:// or https://: '" + text + "'");
    }
    parts.host = url_part(url.get(), CURLUPART_HOST);
    auto port = url_part(url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    parts.port = static_cast<std::uint16_t>(std::stoi(port));
    parts.resource = url_part(url.get(), CURLUPART_PATH);
    if (auto query = url_part(url.get(), CURLUPART_QUERY); !query.empty())
        parts.resource += "?" + query;
    return parts;
}

}  // namespace dss::http_client
