// Remembers Hawk nonces for their lifetime so that a captured request cannot be replayed.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/settings.hpp"

namespace dss::auth {

// The shared store cannot be reached; requests are refused (fail closed).
class NonceStoreUnavailable : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

class NonceStore {
   public:
    NonceStore() = default;
    NonceStore(const NonceStore&) = delete;
    NonceStore& operator=(const NonceStore&) = delete;
    virtual ~NonceStore() = default;

    // Records `key` for `ttl`; false when it is already recorded (a replay).
    virtual bool remember(const std::string& key, std::chrono::seconds ttl) = 0;
};

// In-process when cache.host is empty, else Redis at cache.host (rediss:// for TLS).
std::unique_ptr<NonceStore> make_nonce_store(const core::CacheSettings& cache);

}  // namespace dss::auth
