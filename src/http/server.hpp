// The HTTP server: network threads, a worker pool for handlers, graceful shutdown.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>

#include "core/settings.hpp"
#include "http/router.hpp"
#include "http/server_state.hpp"

namespace dss::http {

class Listener;

class Server {
   public:
    // Binds the port at once; throws with the address and the reason when it cannot.
    Server(core::HttpSettings settings, const Router& router, unsigned worker_threads);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server();

    std::uint16_t port() const;

    // Serves until SIGTERM/SIGINT (when `handle_signals`) or request_stop(); in-flight requests
    // are answered before it returns.
    void run(bool handle_signals = true);
    // Thread-safe; begins the same graceful shutdown as a signal.
    void request_stop();
    // Runs when the shutdown deadline passes with requests still running, before the network
    // threads stop: cancel their database statements, so that the workers come back.
    void set_deadline_action(std::function<void()> action) { deadline_action_ = std::move(action); }

   private:
    void begin_shutdown();
    Response handle(const Request& request, const boost::asio::ip::tcp::endpoint& remote) const;

    core::HttpSettings settings_;
    const Router& router_;
    boost::asio::thread_pool workers_;
    // Pieces of streamed bodies are written to storage here, so that uploads to a slow storage
    // never hold the workers that answer pages and the API.
    boost::asio::thread_pool body_workers_;
    // Shared with every session: sessions the io_context destroys after this object still
    // reach it.
    std::shared_ptr<ServerState> state_;
    boost::asio::io_context io_;
    // Serialises shutdown steps: the timer and signal set are not thread-safe.
    boost::asio::strand<boost::asio::io_context::executor_type> control_;
    std::function<void()> deadline_action_;
    std::shared_ptr<Listener> listener_;
    boost::asio::signal_set signals_;
    boost::asio::steady_timer shutdown_deadline_;
};

}  // namespace dss::http
