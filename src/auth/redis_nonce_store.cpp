// A small stack of idle Redis connections; a connection that failed is never reused.
#include "auth/redis_nonce_store.hpp"

#include "core/logging.hpp"

namespace dss::auth {

RedisNonceStore::RedisNonceStore(RedisEndpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

std::unique_ptr<RedisConnection> RedisNonceStore::take() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }
    }
    return std::make_unique<RedisConnection>(endpoint_, timeout_);
}

void RedisNonceStore::give_back(std::unique_ptr<RedisConnection> connection) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
}

bool RedisNonceStore::remember(const std::string& key, std::chrono::seconds ttl) {
    try {
        auto connection = take();
        auto seconds = std::to_string(ttl.count());
        auto reply = connection->command({"SET", "hawk-nonce:" + key, "1", "NX", "EX", seconds});
        if (reply.kind == RedisReply::Kind::error) {
            throw std::runtime_error("Redis refused SET: " + reply.text);
        }
        give_back(std::move(connection));
        return reply.kind == RedisReply::Kind::status;  // "OK" when new, nil when present
    } catch (const std::exception& error) {
        core::logger("auth")->error("Redis nonce store {}:{} unavailable: {}", endpoint_.host,
                                    endpoint_.port, error.what());
        throw NonceStoreUnavailable(error.what());
    }
}

}  // namespace dss::auth
