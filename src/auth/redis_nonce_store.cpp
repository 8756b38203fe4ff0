// A small stack of idle Redis connections; a connection that failed is never reused.
#include "auth/redis_nonce_store.hpp"

#include "core/crypto.hpp"
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

// SET NX with a value only this call knows: when a retry finds the key, GET tells whether the
// first attempt stored it (its answer lost with the connection) or another request did.
bool RedisNonceStore::set_once(RedisConnection& connection, const std::string& key,
                               const std::string& token, std::chrono::seconds ttl) {
    auto name = "hawk-nonce:" + key;
    auto reply = connection.command({"SET", name, token, "NX", "EX", std::to_string(ttl.count())});
    if (reply.kind == RedisReply::Kind::error) {
        throw std::runtime_error("Redis refused SET: " + reply.text);
    }
    if (reply.kind == RedisReply::Kind::status) return true;  // "OK": new
    auto stored = connection.command({"GET", name});
    return stored.kind == RedisReply::Kind::text && stored.text == token;
}

bool RedisNonceStore::remember(const std::string& key, std::chrono::seconds ttl) {
    auto token = core::random_token(16);
    try {
        if (auto pooled = take_idle()) {
            try {
                auto fresh = set_once(*pooled, key, token, ttl);
                give_back(std::move(pooled));
                return fresh;
            } catch (const RedisTimeout&) {
                throw;  // the SET may have run: a retry could call a new nonce a replay
            } catch (const std::exception& error) {
                // A connection the server dropped since the health check. Whether or not the
                // SET reached it, the retry tells (set_once's token).
                core::logger("auth")->info("Redis connection lost ({}); retrying on a new one",
                                           error.what());
            }
        }
        auto connection = std::make_unique<RedisConnection>(endpoint_, timeout_);
        auto fresh = set_once(*connection, key, token, ttl);
        give_back(std::move(connection));
        return fresh;
    } catch (const std::exception& error) {
        DSS_LOG_ERROR("auth", "Redis nonce store {}:{} unavailable: {}", endpoint_.host,
                      endpoint_.port, error.what());
        throw NonceStoreUnavailable(error.what());
    }
}

}  // namespace dss::auth
