// Hawk in front of every route with a scope: authenticate, check the scope, run the handler,
// sign the response (api.md, "Order of checks").
#pragma once

#include "auth/hawk_authenticator.hpp"
#include "core/settings.hpp"
#include "http/router.hpp"

namespace dss::api {

http::Router::Guard make_hawk_guard(const core::Settings& settings,
                                    const auth::HawkAuthenticator& authenticator);

}  // namespace dss::api
