// The route table (method, path pattern, scope, handler). Routes with a scope are Hawk-guarded.
#include "api/routes.hpp"

#include "api/data_endpoints.hpp"
#include "api/hawk_guard.hpp"
#include "api/healthcheck.hpp"

namespace dss::api {

http::Router make_router(Services& services) {
    using http::Verb;
    auto health = [&services](const http::RequestContext&) { return healthcheck(services.pool); };

    http::Router router;
    router.set_guard(make_hawk_guard(services.settings, services.authenticator));
    router.add({Verb::get, "/healthcheck", "", health});
    router.add({Verb::get, "/healthcheck/", "", health});
    add_data_routes(router, services.settings, services.pool);
    return router;
}

}  // namespace dss::api
