// Accepts connections and hands each to a new Session.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "http/server_state.hpp"

namespace dss::http {

class Listener : public std::enable_shared_from_this<Listener> {
   public:
    // Binds at once, so that a port in use is reported before anything else starts.
    Listener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
             ServerState& state);

    void start();
    void stop();
    std::uint16_t port() const;

   private:
    void accept();
    void on_accept(boost::beast::error_code error, boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    ServerState& state_;
};

}  // namespace dss::http
