// Chooses the nonce store from configuration.
#include "auth/in_process_nonce_store.hpp"
#include "auth/nonce_store.hpp"
#include "auth/redis_nonce_store.hpp"

namespace dss::auth {

std::unique_ptr<NonceStore> make_nonce_store(const core::CacheSettings& cache) {
    if (cache.host.empty()) return std::make_unique<InProcessNonceStore>();
    return std::make_unique<RedisNonceStore>(
        RedisEndpoint::parse(cache.host, cache.port, cache.password, cache.ssl));
}

}  // namespace dss::auth
