// The staff pages' route table (uploader.md, "Pages and flow"): every page path the web front
// end serves, here and nowhere else. The API's table is api/routes.cpp.
#pragma once

#include "http/router.hpp"
#include "web/site_files.hpp"
#include "web/site_services.hpp"

namespace dss::web {

void add_site_routes(http::Router& router, SiteServices& services, const SiteFiles& files);

}  // namespace dss::web
