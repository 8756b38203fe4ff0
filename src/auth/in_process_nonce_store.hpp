// Nonces in this process's memory: right for one `dss serve`, wrong behind a load balancer
// (use Redis there).
#pragma once

#include <mutex>
#include <unordered_map>

#include "auth/nonce_store.hpp"

namespace dss::auth {

class InProcessNonceStore final : public NonceStore {
   public:
    bool remember(const std::string& key, std::chrono::seconds ttl) override;

   private:
    using Clock = std::chrono::steady_clock;
    void forget_expired(Clock::time_point now);

    std::mutex mutex_;
    std::unordered_map<std::string, Clock::time_point> expiries_;
    Clock::time_point next_sweep_{};
};

}  // namespace dss::auth
