// The accept loop.
#include "http/listener.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <stdexcept>

#include "core/logging.hpp"
#include "http/session.hpp"

namespace dss::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

Listener::Listener(asio::io_context& io, const asio::ip::tcp::endpoint& endpoint,
                   ServerState& state)
    : io_(io), acceptor_(asio::make_strand(io)), state_(state) {
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
    });
}

std::uint16_t Listener::port() const { return acceptor_.local_endpoint().port(); }

void Listener::accept() {
    acceptor_.async_accept(asio::make_strand(io_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code error, asio::ip::tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (error) {
        core::logger("http")->warn("accept failed: {}", error.message());
    } else {
        socket.set_option(asio::ip::tcp::no_delay(true), error);
        std::make_shared<Session>(std::move(socket), state_)->start();
    }
    accept();
}

}  // namespace dss::http
