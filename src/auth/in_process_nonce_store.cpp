// A map from nonce key to expiry, swept of expired entries at most once a second.
#include "auth/in_process_nonce_store.hpp"

namespace dss::auth {

bool InProcessNonceStore::remember(const std::string& key, std::chrono::seconds ttl) {
    auto now = Clock::now();
    std::lock_guard lock(mutex_);
    if (now >= next_sweep_) forget_expired(now);
    auto [entry, inserted] = expiries_.try_emplace(key, now + ttl);
    if (inserted) return true;
    if (entry->second <= now) {  // seen long ago, expired but not yet swept
        entry->second = now + ttl;
        return true;
    }
    return false;
}

void InProcessNonceStore::forget_expired(Clock::time_point now) {
    std::erase_if(expiries_, [now](const auto& entry) { return entry.second <= now; });
    next_sweep_ = now + std::chrono::seconds(1);
}

}  // namespace dss::auth
