// What the listener and every session share: settings, the request handler, the worker pool
// and the set of open sessions (needed to close idle ones at shutdown).
#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/settings.hpp"
#include "http/request_context.hpp"

namespace dss::http {

class Session;

using RequestHandler =
    std::function<Response(const Request&, const boost::asio::ip::tcp::endpoint&)>;

struct ServerState {
    ServerState(core::HttpSettings http_settings, RequestHandler handler,
                boost::asio::thread_pool& worker_pool)
        : settings(std::move(http_settings)), handle(std::move(handler)), workers(worker_pool) {}

    core::HttpSettings settings;
    RequestHandler handle;
    // Handlers block on the database, so they run here, off the network threads.
    boost::asio::thread_pool& workers;
    std::atomic<bool> stopping{false};
    std::function<void()> on_last_session_closed;

    void add_session(Session* session, std::weak_ptr<Session> owner);
    void remove_session(Session* session);
    // Asks every session to close once it is not in the middle of a request.
    void close_idle_sessions();

   private:
    std::mutex sessions_mutex_;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
};

}  // namespace dss::http
