// Server life cycle: start threads, wait for a stop, drain sessions, force after a deadline.
#include "http/server.hpp"

#include <boost/asio/post.hpp>
#include <csignal>
#include <thread>

#include "core/logging.hpp"
#include "http/listener.hpp"
#include "http/session.hpp"

namespace dss::http {

namespace asio = boost::asio;

namespace {

// Uploads at once before the next waits for a thread (its body waits in the socket meanwhile).
constexpr std::size_t kBodyWorkers = 4;

}  // namespace

Server::Server(core::HttpSettings settings, const Router& router, unsigned worker_threads)
    : settings_(std::move(settings)),
      router_(router),
      workers_(std::max(1U, worker_threads)),
      body_workers_(kBodyWorkers),
      state_(std::make_shared<ServerState>(
          settings_,
          [this](const Request& r, const asio::ip::tcp::endpoint& e) { return handle(r, e); },
          [this](Verb method, std::string_view target) { return router_.body_of(method, target); },
          [this](const Request& header, const asio::ip::tcp::endpoint& remote) {
              RequestContext context(header, remote);
              return router_.open_stream(context);
          },
          workers_, body_workers_)),
      control_(asio::make_strand(io_)),
      signals_(control_),
      shutdown_deadline_(control_) {
    state_->set_on_last_session_closed(
        [this] { asio::post(control_, [this] { shutdown_deadline_.cancel(); }); });
    auto address = asio::ip::make_address(settings_.host);
    listener_ =
        std::make_shared<Listener>(io_, asio::ip::tcp::endpoint(address, settings_.port), state_);
}

// The order matters: no handler may run once this object is gone (join), and sessions that
// the io_context destroys below must not call back into it (the callback is cleared).
Server::~Server() {
    workers_.join();
    body_workers_.join();
    state_->set_on_last_session_closed(nullptr);
}

std::uint16_t Server::port() const { return listener_->port(); }

void Server::run(bool handle_signals) {
    listener_->start();
    if (handle_signals) {
        signals_.add(SIGINT);
        signals_.add(SIGTERM);
        signals_.async_wait([this](boost::system::error_code error, int signal) {
            if (error) return;
            core::logger("http")->info("received signal {}, finishing requests in flight", signal);
            asio::post(control_, [this] { begin_shutdown(); });
        });
    }
    unsigned threads = settings_.threads != 0 ? settings_.threads
                                              : std::max(1U, std::thread::hardware_concurrency());
    core::logger("http")->info("listening on {}:{} ({} network threads)", settings_.host, port(),
                               threads);
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < threads; ++i) extra.emplace_back([this] { io_.run(); });
    io_.run();
    for (auto& thread : extra) thread.join();
    workers_.join();
    body_workers_.join();
    core::logger("http")->info("stopped");
}

void Server::request_stop() {
    asio::post(control_, [this] { begin_shutdown(); });
}

void Server::begin_shutdown() {
    if (state_->stopping) return;
    // Arm the deadline before sessions can see `stopping` and report the last one closed.
    shutdown_deadline_.expires_after(settings_.shutdown_timeout);
    shutdown_deadline_.async_wait([this](boost::system::error_code error) {
        if (error) return;  // cancelled: every session closed in time
        core::logger("http")->warn(
            "shutdown deadline passed; cancelling requests still running, closing connections");
        state_->abandoned = true;
        if (deadline_action_) deadline_action_();
        io_.stop();
    });
    state_->stopping = true;
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    listener_->stop();
    state_->close_idle_sessions();
}

Response Server::handle(const Request& request, const asio::ip::tcp::endpoint& remote) const {
    RequestContext context(request, remote);
    return router_.handle(context);
}

}  // namespace dss::http
