// Nonces in Redis, shared by every `dss serve` behind a load balancer. Connections are pooled
// and checked before reuse; one lost since is retried once on a new connection.
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
    static constexpr std::size_t kMostIdle = 64;

    // An idle connection that still looks alive, or nullptr.
    std::unique_ptr<RedisConnection> take_idle();
    void give_back(std::unique_ptr<RedisConnection> connection);
    static bool set_once(RedisConnection& connection, const std::string& key,
                         const std::string& token, std::chrono::seconds ttl);

    RedisEndpoint endpoint_;
    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace dss::auth
