// Hawk clients as stored in public.hawk_users: lookup for the server, registration for the CLI.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/hawk_authenticator.hpp"
#include "db/connection.hpp"
#include "db/pool.hpp"

namespace dss::auth {

std::optional<HawkClient> find_hawk_client(db::Connection& connection, const std::string& id);

// A lookup function over a pool, for HawkAuthenticator. Answers (found or not) are cached for
// `cache_for`, so that a page request does not cost a second database round trip; a client
// added or removed takes effect within that time.
HawkClientLookup hawk_client_lookup(db::Pool& pool,
                                    std::chrono::milliseconds cache_for = std::chrono::seconds(5));

// Inserts the client; false (and no change) when the id exists already.
bool add_hawk_client(db::Connection& connection, const HawkClient& client,
                     const std::string& description);

}  // namespace dss::auth
