// What the server, its listener and every session share, owned jointly (shared_ptr): a session
// that outlives the Server object, while the io_context tears its handlers down, still finds
// it. Holds the limits every connection is admitted under: a cap on open connections, a bound
// on requests waiting for a worker, and each route's body limit.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/settings.hpp"
#include "http/router.hpp"

namespace dss::http {

class Session;

using RequestHandler =
    std::function<Response(const Request&, const boost::asio::ip::tcp::endpoint&)>;
// The body a request for `method target` may carry (limit 0: none), and whether it streams.
using BodyLimit = std::function<RouteBody(Verb method, std::string_view target)>;
// Starts a streamed route from the request's header.
using StreamOpener =
    std::function<StreamStart(const Request& header, const boost::asio::ip::tcp::endpoint&)>;

class ServerState {
   public:
    ServerState(core::HttpSettings http_settings, RequestHandler handler, BodyLimit body_limit,
                StreamOpener stream_opener, boost::asio::thread_pool& worker_pool,
                boost::asio::thread_pool& body_worker_pool);

    const core::HttpSettings settings;
    const RequestHandler handle;
    const StreamOpener open_stream;
    // Handlers block on the database, so they run here, off the network threads. The Server
    // joins the pool before anything it refers to goes away.
    boost::asio::thread_pool& workers;
    // Where the pieces of streamed bodies are consumed (written to storage).
    boost::asio::thread_pool& body_workers;
    std::atomic<bool> stopping{false};
    // The shutdown deadline passed: requests still queued for a worker are dropped unanswered
    // instead of starting new statements, so that the workers can be joined.
    std::atomic<bool> abandoned{false};

    // The route's body: its limit, never above the configured ceiling unless it streams (a
    // streamed body is never held whole).
    RouteBody body_for(Verb method, std::string_view target) const;

    // Open connections: the listener refuses new ones at the cap.
    bool at_connection_cap() const;
    void add_session(Session* session, std::weak_ptr<Session> owner);
    void remove_session(Session* session);
    // Asks every session to close once it is not in the middle of a request.
    void close_idle_sessions();
    // Called (once per shutdown) when the last session closes while stopping. Cleared by the
    // Server before it goes away: sessions may be destroyed after it.
    void set_on_last_session_closed(std::function<void()> callback);

    // Requests waiting for or running on a worker: false (and nothing counted) at the bound.
    bool try_enqueue();
    void finished();

   private:
    BodyLimit body_limit_;
    mutable std::mutex sessions_mutex_;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
    std::function<void()> on_last_session_closed_;
    std::atomic<std::size_t> queued_{0};
};

}  // namespace dss::http
