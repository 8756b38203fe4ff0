// The health check used by load balancers and by `make run`'s smoke test.
#include "api/healthcheck.hpp"

#include "core/logging.hpp"
#include "http/responses.hpp"

namespace dss::api {

http::Response healthcheck(db::Pool& pool) {
    try {
        auto connection = pool.acquire();
        connection->execute("SELECT 1");
        return http::json_response(http::Status::ok, {{"status", "OK"}});
    } catch (const std::exception& error) {
        core::logger("http")->warn("healthcheck failed: {}", error.what());
        return http::json_response(http::Status::service_unavailable,
                                   {{"status", "FAIL"}, {"error", "database unavailable"}});
    }
}

}  // namespace dss::api
