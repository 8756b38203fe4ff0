#include "http/server_state.hpp"

#include <algorithm>
#include <vector>

#include "http/session.hpp"

namespace dss::http {

ServerState::ServerState(core::HttpSettings http_settings, RequestHandler handler,
                         BodyLimit body_limit, StreamOpener stream_opener,
                         boost::asio::thread_pool& worker_pool,
                         boost::asio::thread_pool& body_worker_pool)
    : settings(std::move(http_settings)),
      handle(std::move(handler)),
      open_stream(std::move(stream_opener)),
      workers(worker_pool),
      body_workers(body_worker_pool),
      body_limit_(std::move(body_limit)) {}

RouteBody ServerState::body_for(Verb method, std::string_view target) const {
    auto body = body_limit_(method, target);
    if (!body.streamed) body.limit = std::min(body.limit, settings.body_limit_bytes);
    return body;
}

bool ServerState::at_connection_cap() const {
    std::lock_guard lock(sessions_mutex_);
    return sessions_.size() >= settings.max_connections;
}

void ServerState::add_session(Session* session, std::weak_ptr<Session> owner) {
    std::lock_guard lock(sessions_mutex_);
    sessions_.emplace(session, std::move(owner));
}

void ServerState::remove_session(Session* session) {
    std::function<void()> last;
    {
        std::lock_guard lock(sessions_mutex_);
        sessions_.erase(session);
        if (sessions_.empty() && stopping) last = on_last_session_closed_;
    }
    if (last) last();
}

void ServerState::close_idle_sessions() {
    std::vector<std::shared_ptr<Session>> open;
    std::function<void()> last;
    {
        std::lock_guard lock(sessions_mutex_);
        for (auto& entry : sessions_) {
            if (auto session = entry.second.lock()) open.push_back(std::move(session));
        }
        if (open.empty()) last = on_last_session_closed_;
    }
    for (auto& session : open) session->close_if_idle();
    if (last) last();
}

void ServerState::set_on_last_session_closed(std::function<void()> callback) {
    std::lock_guard lock(sessions_mutex_);
    on_last_session_closed_ = std::move(callback);
}

bool ServerState::try_enqueue() {
    auto waiting = queued_.load();
    do {
        if (waiting >= settings.queue_limit) return false;
    } while (!queued_.compare_exchange_weak(waiting, waiting + 1));
    return true;
}

void ServerState::finished() { --queued_; }

}  // namespace dss::http
