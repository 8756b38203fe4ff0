// The data API's endpoints (api.md): dataset lists, postcode lookups, table structure and data.
#pragma once

#include "core/settings.hpp"
#include "db/pool.hpp"
#include "http/router.hpp"

namespace dss::api {

void add_data_routes(http::Router& router, const core::Settings& settings, db::Pool& pool);

}  // namespace dss::api
