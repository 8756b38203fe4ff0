// The route table (method, path pattern, scope, handler).
#include "api/routes.hpp"

#include "api/healthcheck.hpp"

namespace dss::api {

http::Router make_router(Services& services) {
    using http::Verb;
    auto health = [&services](const http::RequestContext&) { return healthcheck(services.pool); };

    http::Router router;
    router.add({Verb::get, "/healthcheck", "", health});
    router.add({Verb::get, "/healthcheck/", "", health});
    return router;
}

}  // namespace dss::api
