// The start of the uploader: the main menu, choosing a dataset's pipeline, and creating one.
#pragma once

#include "uploader/pipeline_store.hpp"
#include "web/staff_guard.hpp"

namespace dss::web {

http::Response home_page(SiteServices& services, StaffRequest& request);
http::Response pipeline_select_page(SiteServices& services, StaffRequest& request);
http::Response pipeline_create_page(SiteServices& services, StaffRequest& request);
http::Response pipeline_created_page(SiteServices& services, StaffRequest& request);

// The pipeline named by the route's {slug}, or a 404 page (thrown as HttpError).
uploader::Pipeline pipeline_or_404(SiteServices& services, const StaffRequest& request);

}  // namespace dss::web
