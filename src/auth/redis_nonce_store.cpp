// A small stack of idle Redis connections; a connection that failed is never reused.
#include "auth/redis_nonce_store.hpp"

#include "core/logging.hpp"

namespace dss::auth {

RedisNonceStore::RedisNonceStore(RedisEndpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

std::unique_ptr<RedisConnection> RedisNonceStore::take_idle() {
    std::lock_guard lock(mutex_);
    while (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        // Closed by the server while idle (a restart, a failover, its idle timeout).
        if (connection->is_usable()) return connection;
    }
    return nullptr;
}

void RedisNonceStore::give_back(std::unique_ptr<RedisConnection> connection) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMostIdle) idle_.push_back(std::move(connection));
}

bool RedisNonceStore::set_once(RedisConnection& connection, const std::string& key,
                               std::chrono::seconds ttl) {
    auto seconds = std::to_string(ttl.count());
    auto reply = connection.command({"SET", "hawk-nonce:" + key, "1", "NX", "EX", seconds});
    if (reply.kind == RedisReply::Kind::error) {
        throw std::runtime_error("Redis refused SET: " + reply.text);
    }
    return reply.kind == RedisReply::Kind::status;  // "OK" when new, nil when present
}

bool RedisNonceStore::remember(const std::string& key, std::chrono::seconds ttl) {
    try {
        if (auto pooled = take_idle()) {
            try {
                auto fresh = set_once(*pooled, key, ttl);
                give_back(std::move(pooled));
                return fresh;
            } catch (const RedisTimeout&) {
                throw;  // the SET may have run: a retry could call a new nonce a replay
            } catch (const std::exception& error) {
                // A connection the server dropped since the health check: the command never
                // reached it, so one retry on a fresh connection is safe.
                core::logger("auth")->info("Redis connection lost ({}); retrying on a new one",
                                           error.what());
            }
        }
        auto connection = std::make_unique<RedisConnection>(endpoint_, timeout_);
        auto fresh = set_once(*connection, key, ttl);
        give_back(std::move(connection));
        return fresh;
    } catch (const std::exception& error) {
        DSS_LOG_ERROR("auth", "Redis nonce store {}:{} unavailable: {}", endpoint_.host,
                      endpoint_.port, error.what());
        throw NonceStoreUnavailable(error.what());
    }
}

}  // namespace dss::auth
