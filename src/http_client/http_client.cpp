// libcurl easy interface with RAII handles; no exception crosses curl's C callbacks.
#include "http_client/http_client.hpp"

#include <curl/curl.h>

#include <array>
#include <cctype>
#include <memory>
#include <stdexcept>

#include "core/ascii_case.hpp"

namespace dss::http_client {
namespace {

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;
using UrlHandle = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* target) noexcept {
    try {
        static_cast<std::string*>(target)->append(data, size * count);
        return size * count;
    } catch (...) {
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
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    std::string aws_provider;
    std::string aws_user;
    if (request.aws) {
        aws_provider = "aws:amz:" + request.aws->region + ":" + request.aws->service;
        aws_user = request.aws->access_key_id + ":" + request.aws->secret_access_key;
        curl_easy_setopt(curl.get(), CURLOPT_AWS_SIGV4, aws_provider.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_USERPWD, aws_user.c_str());
    }
    if (request.method == "HEAD") curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &response);
    std::array<char, CURL_ERROR_SIZE> error{};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error.data());
    auto code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        throw std::runtime_error(request.method + " " + request.url + " failed: " +
                                 (error[0] != '\0' ? error.data() : curl_easy_strerror(code)));
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    return response;
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
