// Chooses the nonce store from configuration.
#include "auth/in_process_nonce_store.hpp"
#include "auth/nonce_store.hpp"
#include "auth/redis_nonce_store.hpp"

namespace dss::auth {

std::unique_ptr<NonceStore> make_nonce_store(const core::CacheSettings& cache) {
    if (cache.host.empty()) return std::make_unique<InProcessNonceStore>();
    auto endpoint = RedisEndpoint::parse(cache.host, cache.port, cache.password, cache.ssl);
    endpoint.ca_file = cache.ca_file;
    return std::make_unique<RedisNonceStore>(std::move(endpoint));
}

}  // namespace dss::auth
