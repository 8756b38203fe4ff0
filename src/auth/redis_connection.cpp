// Blocking Redis I/O with socket timeouts; any failure throws and the caller drops the
// connection.
#include "auth/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <optional>
#include <stdexcept>

namespace dss::auth {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

RedisEndpoint RedisEndpoint::parse(std::string_view url, std::uint16_t default_port,
                                   std::string_view default_password, bool tls_for_bare_host) {
    RedisEndpoint endpoint;
    endpoint.port = default_port;
    endpoint.password = std::string(default_password);
    if (url.starts_with("rediss://")) {
        endpoint.tls = true;
        url.remove_prefix(9);
    } else if (url.starts_with("redis://")) {
        url.remove_prefix(8);
    } else {
        endpoint.tls = tls_for_bare_host;
    }
    url = url.substr(0, url.find('/'));
    if (auto at = url.rfind('@'); at != std::string_view::npos) {
        auto user_info = url.substr(0, at);
        auto colon = user_info.find(':');
        endpoint.password =
            std::string(colon == std::string_view::npos ? user_info : user_info.substr(colon + 1));
        url.remove_prefix(at + 1);
    }
    if (auto colon = url.rfind(':'); colon != std::string_view::npos) {
        auto port_text = url.substr(colon + 1);
        unsigned port = 0;
        auto [end, error] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
            port > 65535) {
            throw std::invalid_argument("bad port in Redis URL: '" + std::string(port_text) + "'");
        }
        endpoint.port = static_cast<std::uint16_t>(port);
        url = url.substr(0, colon);
    }
    if (url.empty()) throw std::invalid_argument("Redis URL names no host");
    endpoint.host = std::string(url);
    return endpoint;
}

struct RedisConnection::Impl {
    asio::io_context io;
    asio::ssl::context tls_context{asio::ssl::context::tls_client};
    tcp::socket socket{io};
    // Layered over `socket` for rediss://; the socket itself never moves.
    std::optional<asio::ssl::stream<tcp::socket&>> tls;
    std::unique_ptr<redisReader, decltype(&redisReaderFree)> reader{redisReaderCreate(),
                                                                    &redisReaderFree};

    void write(std::string_view bytes) {
        auto buffer = asio::buffer(bytes.data(), bytes.size());
        if (tls)
            asio::write(*tls, buffer);
        else
            asio::write(socket, buffer);
    }

    std::size_t read_some(char* data, std::size_t size) {
        auto buffer = asio::buffer(data, size);
        return tls ? tls->read_some(buffer) : socket.read_some(buffer);
    }
};

namespace {

void set_socket_timeouts(tcp::socket& socket, std::chrono::milliseconds timeout) {
    timeval value{};
    value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &value, sizeof(value));
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &value, sizeof(value));
}

RedisReply convert(const redisReply& reply) {
    RedisReply out;
    switch (reply.type) {
        case REDIS_REPLY_STATUS:
            out.kind = RedisReply::Kind::status;
            break;
        case REDIS_REPLY_ERROR:
            out.kind = RedisReply::Kind::error;
            break;
        case REDIS_REPLY_INTEGER:
            out.kind = RedisReply::Kind::integer;
            break;
        case REDIS_REPLY_STRING:
            out.kind = RedisReply::Kind::text;
            break;
        case REDIS_REPLY_ARRAY:
            out.kind = RedisReply::Kind::array;
            break;
        default:
            out.kind = RedisReply::Kind::nil;
            break;
    }
    if (reply.str != nullptr) out.text.assign(reply.str, reply.len);
    out.integer = reply.integer;
    return out;
}

}  // namespace

RedisConnection::RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
    tcp::resolver resolver(impl_->io);
    auto addresses = resolver.resolve(endpoint.host, std::to_string(endpoint.port));
    if (endpoint.tls) {
        if (endpoint.ca_file.empty()) {
            impl_->tls_context.set_default_verify_paths();
        } else {
            impl_->tls_context.load_verify_file(endpoint.ca_file);
        }
        impl_->tls_context.set_verify_mode(asio::ssl::verify_peer);
    }
    asio::connect(impl_->socket, addresses);
    set_socket_timeouts(impl_->socket, timeout);
    if (endpoint.tls) {
        auto* tls = &impl_->tls.emplace(impl_->socket, impl_->tls_context);
        // SNI; SSL_set_tlsext_host_name is a macro with a C cast.
        SSL_ctrl(tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(endpoint.host.c_str()));
        tls->set_verify_callback(asio::ssl::host_name_verification(endpoint.host));
        tls->handshake(asio::ssl::stream_base::client);
    }
    if (!endpoint.password.empty()) {
        auto reply = command({"AUTH", endpoint.password});
        if (reply.kind == RedisReply::Kind::error)
            throw std::runtime_error("Redis AUTH failed: " + reply.text);
    }
}

RedisConnection::~RedisConnection() = default;

RedisReply RedisConnection::command(const std::vector<std::string_view>& arguments) {
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    for (auto argument : arguments) {
        pointers.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    char* formatted = nullptr;
    int length = redisFormatCommandArgv(&formatted, static_cast<int>(arguments.size()),
                                        pointers.data(), lengths.data());
    if (length < 0) throw std::runtime_error("cannot format Redis command");
    std::unique_ptr<char, decltype(&redisFreeCommand)> owned(formatted, &redisFreeCommand);
    impl_->write(std::string_view(formatted, static_cast<std::size_t>(length)));

    std::array<char, 4096> buffer{};
    while (true) {
        void* raw = nullptr;
        if (redisReaderGetReply(impl_->reader.get(), &raw) != REDIS_OK) {
            throw std::runtime_error("Redis protocol error");
        }
        if (raw != nullptr) {
            std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(
                static_cast<redisReply*>(raw), &freeReplyObject);
            return convert(*reply);
        }
        auto received = impl_->read_some(buffer.data(), buffer.size());
        redisReaderFeed(impl_->reader.get(), buffer.data(), received);
    }
}

}  // namespace dss::auth
