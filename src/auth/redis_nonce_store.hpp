// Nonces in Redis, shared by every `dss serve` behind a load balancer.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "auth/nonce_store.hpp"
#include "auth/redis_connection.hpp"

namespace dss::auth {

class RedisNonceStore final : public NonceStore {
   public:
    explicit RedisNonceStore(RedisEndpoint endpoint,
                             std::chrono::milliseconds timeout = std::chrono::seconds(2));

    // SET key NX EX ttl: atomic, so two servers cannot both accept one nonce.
    bool remember(const std::string& key, std::chrono::seconds ttl) override;

   private:
    std::unique_ptr<RedisConnection> take();
    void give_back(std::unique_ptr<RedisConnection> connection);

    RedisEndpoint endpoint_;
    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace dss::auth
