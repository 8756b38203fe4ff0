// /login, /login/authorised and /logout: the OAuth 2.0 authorisation-code round trip.
#pragma once

#include "http/router.hpp"
#include "web/site_services.hpp"

namespace dss::web {

void add_sso_routes(http::Router& router, SiteServices& services);

}  // namespace dss::web
