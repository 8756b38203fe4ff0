// Beast's synchronous client, wrapped for tests.
#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <cctype>
#include <stdexcept>

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

std::string raw_http_exchange(std::uint16_t port, const std::string& bytes,
                              std::chrono::milliseconds timeout) {
    // Plain sockets: a receive timeout (SO_RCVTIMEO) works on them, unlike on Asio's.
    int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socket < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval wait{};
    wait.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    wait.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
    std::string received;
    if (::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
        ::send(socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        std::array<char, 4096> buffer{};
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto count = ::recv(socket, buffer.data(), buffer.size(), 0);
            if (count <= 0) break;
            received.append(buffer.data(), static_cast<std::size_t>(count));
        }
    }
    ::close(socket);
    return received;
}

}  // namespace dss::test
