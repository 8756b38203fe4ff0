// A small synchronous HTTP/1.1 client over one keep-alive connection, for end-to-end tests.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace dss::test {

struct HttpReply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
    bool keep_alive = false;
};

class HttpConnection {
   public:
    explicit HttpConnection(std::uint16_t port, const std::string& host = "127.0.0.1");
    HttpReply request(boost::beast::http::verb method, const std::string& target,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {});
    HttpReply get(const std::string& target,
                  const std::map<std::string, std::string>& headers = {}) {
        return request(boost::beast::http::verb::get, target, {}, headers);
    }

   private:
    std::string host_header_;
    boost::asio::io_context io_;
    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
};

// One request on a fresh connection.
HttpReply http_get(std::uint16_t port, const std::string& target);

// Sends `bytes` as they are on a new connection and returns everything the server sends until
// it closes the connection or `timeout` passes: for what a parsing client hides (a HEAD
// answer's missing body, an answer sent before the request's body).
std::string raw_http_exchange(std::uint16_t port, const std::string& bytes,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace dss::test
