// Every route dss serves, in one table.
#pragma once

#include "auth/hawk_authenticator.hpp"
#include "core/settings.hpp"
#include "db/pool.hpp"
#include "http/router.hpp"

namespace dss::api {

// What handlers may use; owned by the serve command and outliving the router.
struct Services {
    const core::Settings& settings;
    db::Pool& pool;
    const auth::HawkAuthenticator& authenticator;
};

http::Router make_router(Services& services);

}  // namespace dss::api
