// SQL over public.hawk_users. Scopes travel as JSON to avoid parsing array literals by hand.
#include "auth/hawk_client_directory.hpp"

#include <nlohmann/json.hpp>

namespace dss::auth {
namespace {

constexpr const char* kFindClient =
    "SELECT key, array_to_json(coalesce(scope, '{}'::text[]))::text FROM public.hawk_users WHERE id = $1";

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

HawkClientLookup hawk_client_lookup(db::Pool& pool) {
    return [&pool](const std::string& id) {
        auto connection = pool.acquire();
        return find_hawk_client(*connection, id);
    };
}

bool add_hawk_client(db::Connection& connection, const HawkClient& client, const std::string& description) {
    nlohmann::json scopes = client.scopes;
    auto result = connection.execute(kAddClient, client.credentials.id, client.credentials.key, scopes.dump(),
                                     description);
    return result.affected_rows() == 1;
}

}  // namespace dss::auth
