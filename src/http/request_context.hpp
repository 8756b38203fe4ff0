// What a handler sees of one request: the parsed message, path parameters, query values.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/url_encoding.hpp"

namespace dss::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;

class RequestContext {
   public:
    RequestContext(const Request& request, boost::asio::ip::tcp::endpoint remote);

    const Request& request() const { return request_; }
    const boost::asio::ip::tcp::endpoint& remote() const { return remote_; }
    // The target's path, still percent-encoded, and the raw query after '?'.
    std::string_view path() const { return path_; }
    std::string_view raw_query() const { return raw_query_; }

    // The first value of a query parameter, decoded; nullopt when absent.
    std::optional<std::string> query(std::string_view name) const;
    // A {name} segment of the matched route, decoded.
    const std::string& path_parameter(std::string_view name) const;
    void set_path_parameters(std::map<std::string, std::string, std::less<>> parameters) {
        path_parameters_ = std::move(parameters);
    }

   private:
    const Request& request_;
    boost::asio::ip::tcp::endpoint remote_;
    std::string_view path_;
    std::string_view raw_query_;
    std::vector<std::pair<std::string, std::string>> query_;
    std::map<std::string, std::string, std::less<>> path_parameters_;
};

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view raw_query);

}  // namespace dss::http
