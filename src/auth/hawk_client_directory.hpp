// Hawk clients as stored in public.hawk_users: lookup for the server, registration for the CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/hawk_authenticator.hpp"
#include "db/connection.hpp"
#include "db/pool.hpp"

namespace dss::auth {

std::optional<HawkClient> find_hawk_client(db::Connection& connection, const std::string& id);

// A lookup function over a pool, for HawkAuthenticator.
HawkClientLookup hawk_client_lookup(db::Pool& pool);

// Inserts the client; false (and no change) when the id exists already.
bool add_hawk_client(db::Connection& connection, const HawkClient& client, const std::string& description);

}  // namespace dss::auth
