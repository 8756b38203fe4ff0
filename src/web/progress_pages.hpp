// Watching an upload being processed: the page (refreshable without JavaScript), the failure
// page, and the JSON the page's script polls.
#pragma once

#include "web/staff_guard.hpp"

namespace dss::web {

http::Response uploaded_page(SiteServices& services, StaffRequest& request);
http::Response failed_page(SiteServices& services, StaffRequest& request);
// GET /upload/progress/<file_id>/: {"state", "progress", "info", "rows_loaded", "bytes_read"}.
http::Response progress_json(SiteServices& services, StaffRequest& request);

}  // namespace dss::web
