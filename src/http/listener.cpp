// The accept loop.
#include "http/listener.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <stdexcept>
#include <string_view>

#include "core/logging.hpp"
#include "http/session.hpp"

namespace dss::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr std::chrono::milliseconds kFirstPause{10};
constexpr std::chrono::milliseconds kLongestPause{1000};
constexpr std::string_view kServiceUnavailable =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    "Content-Length: 37\r\nConnection: close\r\n\r\n{\"error\":\"too many open connections\"}";

}  // namespace

Listener::Listener(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                   std::shared_ptr<ServerState> state)
    : io_(io),
      acceptor_(asio::make_strand(io)),
      pause_(acceptor_.get_executor()),
      state_(std::move(state)) {
    beast::error_code error;
    auto fail = [&](const char* what) {
        throw std::runtime_error("cannot " + std::string(what) + " " +
                                 endpoint.address().to_string() + ":" +
                                 std::to_string(endpoint.port()) + ": " + error.message());
    };
    acceptor_.open(endpoint.protocol(), error);
    if (error) fail("open a socket for");
    acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (error) fail("set options on");
    acceptor_.bind(endpoint, error);
    if (error) fail("listen on");
    acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) fail("listen on");
}

void Listener::start() { accept(); }

void Listener::stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ignored;
        self->acceptor_.close(ignored);
        self->pause_.cancel();
    });
}

std::uint16_t Listener::port() const { return acceptor_.local_endpoint().port(); }

void Listener::accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code error, asio::ip::tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (error) return pause_after(error);
    if (backoff_.count() > 0) {
        core::logger("http")->info("accepting connections again after {} failures", failures_);
        backoff_ = std::chrono::milliseconds(0);
        failures_ = 0;
    }
    if (state_->at_connection_cap()) {
        refuse(socket);
    } else {
        socket.set_option(asio::ip::tcp::no_delay(true), error);
        std::make_shared<Session>(std::move(socket), state_)->start();
    }
    accept();
}

// Out of descriptors (EMFILE), the accept fails again at once: retrying in a loop burns a core
// and floods the log. Pause, longer each time, and say so once.
void Listener::pause_after(beast::error_code error) {
    if (failures_++ == 0) {
        DSS_LOG_ERROR("http", "accept failed: {}; pausing new connections", error.message());
    }
    backoff_ = std::clamp(backoff_ * 2, kFirstPause, kLongestPause);
    pause_.expires_after(backoff_);
    pause_.async_wait([self = shared_from_this()](beast::error_code waited) {
        if (waited || !self->acceptor_.is_open()) return;
        self->accept();
    });
}

// At the cap a connection is answered at once and closed, without a session: the reply fits
// in the empty send buffer of a new socket, so the write never blocks.
void Listener::refuse(asio::ip::tcp::socket& socket) {
    if (refused_++ % 1000 == 0) {
        core::logger("http")->warn(
            "{} open connections, the cap: refusing new ones with 503 ({} "
            "so far)",
            state_->settings.max_connections, refused_);
    }
    ::send(socket.native_handle(), kServiceUnavailable.data(), kServiceUnavailable.size(),
           MSG_DONTWAIT | MSG_NOSIGNAL);
    beast::error_code ignored;
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

}  // namespace dss::http
