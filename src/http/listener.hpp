// Accepts connections and hands each to a new Session; at the connection cap it answers 503
// and closes, and when accepting fails (descriptors exhausted) it pauses instead of spinning.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "http/server_state.hpp"

namespace dss::http {

class Listener : public std::enable_shared_from_this<Listener> {
   public:
    // Binds at once, so that a port in use is reported before anything else starts.
    Listener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
             std::shared_ptr<ServerState> state);

    void start();
    void stop();
    std::uint16_t port() const;

   private:
    void accept();
    void on_accept(boost::beast::error_code error, boost::asio::ip::tcp::socket socket);
    void pause_after(boost::beast::error_code error);
    void refuse(boost::asio::ip::tcp::socket& socket);

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer pause_;
    std::shared_ptr<ServerState> state_;
    // Accessed only on the acceptor's strand.
    std::chrono::milliseconds backoff_{0};
    std::uint64_t failures_ = 0;
    std::uint64_t refused_ = 0;
};

}  // namespace dss::http
