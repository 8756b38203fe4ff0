// SQL over public.hawk_users. Scopes travel as JSON to avoid parsing array literals by hand.
#include "auth/hawk_client_directory.hpp"

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

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

class CachedClients {
   public:
    CachedClients(db::Pool& pool, std::chrono::milliseconds cache_for)
        : pool_(pool), cache_for_(cache_for) {}

    std::optional<HawkClient> find(const std::string& id) {
        auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(mutex_);
            auto cached = entries_.find(id);
            if (cached != entries_.end() && cached->second.expires > now)
                return cached->second.client;
        }
        std::optional<HawkClient> client;
        {
            auto connection = pool_.acquire();
            client = find_hawk_client(*connection, id);
        }
        std::lock_guard lock(mutex_);
        // Unknown ids are cached too, but the map is bounded so random ids cannot grow it.
        if (entries_.size() >= kMaxEntries) entries_.clear();
        entries_.insert_or_assign(id, Entry{client, now + cache_for_});
        return client;
    }

   private:
    static constexpr std::size_t kMaxEntries = 10'000;
    struct Entry {
        std::optional<HawkClient> client;
        std::chrono::steady_clock::time_point expires;
    };
    db::Pool& pool_;
    std::chrono::milliseconds cache_for_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
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
