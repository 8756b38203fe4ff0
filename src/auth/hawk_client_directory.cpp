// SQL over public.hawk_users. Scopes travel as JSON to avoid parsing array literals by hand.
#include "auth/hawk_client_directory.hpp"

#include <memory>
#include <nlohmann/json.hpp>

#include "core/expiring_cache.hpp"

namespace dss::auth {
namespace {

constexpr const char* kFindClient =
    "SELECT key, array_to_json(coalesce(scope, '{}'::text[]))::text FROM public.hawk_users WHERE "
    "id = $1";

constexpr const char* kAddClient =
    "INSERT INTO public.hawk_users (id, key, scope, description) "
    "SELECT $1, $2, ARRAY(SELECT json_array_elements_text($3::json)), $4 "
    "ON CONFLICT (id) DO NOTHING";

}  // namespace

std::optional<HawkClient> find_hawk_client(db::Connection& connection, const std::string& id) {
    auto result = connection.execute(kFindClient, id);
    if (result.empty() || result.is_null(0, 0)) return std::nullopt;
    HawkClient client;
    client.credentials.id = id;
    client.credentials.key = result.get<std::string>(0, 0);
    client.scopes = nlohmann::json::parse(result.text(0, 1)).get<std::vector<std::string>>();
    return client;
}

namespace {

// Known clients and unknown ids are kept apart: a flood of random ids pushes out only other
// unknown ids, never the clients that call every minute.
class CachedClients {
   public:
    CachedClients(db::Pool& pool, std::chrono::milliseconds cache_for)
        : pool_(pool), known_(kKnownEntries, cache_for), unknown_(kUnknownEntries, cache_for) {}

    std::optional<HawkClient> find(const std::string& id) {
        if (auto client = known_.find(id)) return client;
        if (unknown_.find(id)) return std::nullopt;
        std::optional<HawkClient> client;
        {
            auto connection = pool_.acquire();
            client = find_hawk_client(*connection, id);
        }
        if (client) {
            known_.put(id, *client);
        } else {
            unknown_.put(id, true);
        }
        return client;
    }

   private:
    static constexpr std::size_t kKnownEntries = 10'000;
    static constexpr std::size_t kUnknownEntries = 1'000;
    db::Pool& pool_;
    core::ExpiringCache<std::string, HawkClient> known_;
    core::ExpiringCache<std::string, bool> unknown_;
};

}  // namespace

HawkClientLookup hawk_client_lookup(db::Pool& pool, std::chrono::milliseconds cache_for) {
    auto cache = std::make_shared<CachedClients>(pool, cache_for);
    return [cache](const std::string& id) { return cache->find(id); };
}

bool add_hawk_client(db::Connection& connection, const HawkClient& client,
                     const std::string& description) {
    nlohmann::json scopes = client.scopes;
    auto result = connection.execute(kAddClient, client.credentials.id, client.credentials.key,
                                     scopes.dump(), description);
    return result.affected_rows() == 1;
}

}  // namespace dss::auth
