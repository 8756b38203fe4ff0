// GET /healthcheck: is the service able to reach its database?
#pragma once

#include "db/pool.hpp"
#include "http/request_context.hpp"

namespace dss::api {

// 200 {"status": "OK"} when the database answers, 503 {"status": "FAIL", "error": ...} when not.
http::Response healthcheck(db::Pool& pool);

}  // namespace dss::api
