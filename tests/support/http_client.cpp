// Beast's synchronous client, wrapped for tests.
#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <cctype>

namespace dss::test {

namespace beast = boost::beast;
namespace http = boost::beast::http;

HttpConnection::HttpConnection(std::uint16_t port, const std::string& host)
    : host_header_(host + ":" + std::to_string(port)), stream_(io_) {
    stream_.expires_after(std::chrono::seconds(30));
    stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address(host), port));
}

HttpReply HttpConnection::request(http::verb method, const std::string& target,
                                  const std::string& body,
                                  const std::map<std::string, std::string>& headers) {
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, host_header_);
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty()) request.body() = body;
    request.keep_alive(true);
    request.prepare_payload();
    stream_.expires_after(std::chrono::seconds(60));
    http::write(stream_, request);
    http::response<http::string_body> response;
    http::read(stream_, buffer_, response);
    HttpReply reply;
    reply.status = static_cast<int>(response.result_int());
    reply.body = response.body();
    reply.keep_alive = response.keep_alive();
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[name] = std::string(field.value());
    }
    return reply;
}

HttpReply http_get(std::uint16_t port, const std::string& target) {
    HttpConnection connection(port);
    return connection.get(target);
}

}  // namespace dss::test
