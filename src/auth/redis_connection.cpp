// Redis I/O as asynchronous steps run to a deadline on the connection's own io_context; any
// failure throws and marks the connection unusable.
#include "auth/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <functional>
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
    std::chrono::milliseconds timeout{0};
    std::chrono::steady_clock::time_point deadline;
    bool broken = false;

    void start_deadline() { deadline = std::chrono::steady_clock::now() + timeout; }

    // Starts an asynchronous step with `begin(done)` and runs it until it calls done or the
    // deadline passes; then the socket is closed, which ends the step, and RedisTimeout is
    // thrown. Blocking reads would ignore SO_RCVTIMEO under Asio: this is the only way in.
    // `cancel` ends the step early; closing the socket does for all but name resolution.
    template <typename Begin>
    void await(const std::string& what, Begin begin, const std::function<void()>& cancel = {}) {
        std::optional<boost::system::error_code> outcome;
        begin([&outcome](boost::system::error_code error) { outcome = error; });
        io.restart();
        io.run_until(deadline);
        if (!outcome) {
            broken = true;
            boost::system::error_code ignored;
            socket.close(ignored);
            if (cancel) cancel();
            io.restart();
            // The step ends with operation_aborted: at once for socket steps, when the system
            // resolver gives up for a name lookup (getaddrinfo cannot be interrupted).
            io.run();
            throw RedisTimeout(what + " took longer than " + std::to_string(timeout.count()) +
                               " ms");
        }
        if (*outcome) {
            broken = true;
            throw std::runtime_error(what + ": " + outcome->message());
        }
    }

    tcp::resolver::results_type resolve(const std::string& host, std::uint16_t port) {
        tcp::resolver resolver(io);
        tcp::resolver::results_type addresses;
        await(
            "resolving " + host,
            [&](auto done) {
                resolver.async_resolve(host, std::to_string(port),
                                       [&addresses, done](boost::system::error_code error,
                                                          tcp::resolver::results_type results) {
                                           addresses = std::move(results);
                                           done(error);
                                       });
            },
            [&resolver] { resolver.cancel(); });
        return addresses;
    }

    void connect(const tcp::resolver::results_type& addresses, const std::string& where) {
        await("connecting to " + where, [&](auto done) {
            asio::async_connect(
                socket, addresses,
                [done](boost::system::error_code error, const tcp::endpoint&) { done(error); });
        });
    }

    void handshake(const std::string& where) {
        await("TLS handshake with " + where,
              [&](auto done) { tls->async_handshake(asio::ssl::stream_base::client, done); });
    }

    void write(std::string_view bytes) {
        auto buffer = asio::buffer(bytes.data(), bytes.size());
        await("sending a command", [&](auto done) {
            auto handler = [done](boost::system::error_code error, std::size_t) { done(error); };
            if (tls)
                asio::async_write(*tls, buffer, handler);
            else
                asio::async_write(socket, buffer, handler);
        });
    }

    std::size_t read_some(char* data, std::size_t size) {
        auto buffer = asio::buffer(data, size);
        std::size_t count = 0;
        await("reading the reply", [&](auto done) {
            auto handler = [&count, done](boost::system::error_code error, std::size_t read) {
                count = read;
                done(error);
            };
            if (tls)
                tls->async_read_some(buffer, handler);
            else
                socket.async_read_some(buffer, handler);
        });
        return count;
    }
};

namespace {

// Probes a connection nobody uses, so that a Redis gone away (restart, failover, a dropped
// network) is noticed on an idle pooled connection too.
void set_keepalive(tcp::socket& socket) {
    socket.set_option(asio::socket_base::keep_alive(true));
    int idle = 10;
    int interval = 5;
    int count = 3;
    ::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
    ::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof(interval));
    ::setsockopt(socket.native_handle(), IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof(count));
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
    impl_->timeout = timeout;
    impl_->start_deadline();
    auto where = endpoint.host + ":" + std::to_string(endpoint.port);
    if (endpoint.tls) {
        if (endpoint.ca_file.empty()) {
            impl_->tls_context.set_default_verify_paths();
        } else {
            impl_->tls_context.load_verify_file(endpoint.ca_file);
        }
        impl_->tls_context.set_verify_mode(asio::ssl::verify_peer);
    }
    impl_->connect(impl_->resolve(endpoint.host, endpoint.port), where);
    set_keepalive(impl_->socket);
    if (endpoint.tls) {
        auto* tls = &impl_->tls.emplace(impl_->socket, impl_->tls_context);
        // SNI; SSL_set_tlsext_host_name is a macro with a C cast.
        SSL_ctrl(tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(endpoint.host.c_str()));
        tls->set_verify_callback(asio::ssl::host_name_verification(endpoint.host));
        impl_->handshake(where);
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
    if (impl_->broken) throw std::logic_error("command on a Redis connection that failed");
    impl_->start_deadline();
    impl_->write(std::string_view(formatted, static_cast<std::size_t>(length)));

    std::array<char, 4096> buffer{};
    while (true) {
        void* raw = nullptr;
        if (redisReaderGetReply(impl_->reader.get(), &raw) != REDIS_OK) {
            impl_->broken = true;
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

bool RedisConnection::is_usable() const {
    if (impl_->broken || !impl_->socket.is_open()) return false;
    pollfd descriptor{impl_->socket.native_handle(), POLLIN, 0};
    return ::poll(&descriptor, 1, 0) == 0;
}

}  // namespace dss::auth
