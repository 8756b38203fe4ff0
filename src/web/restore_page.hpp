// Restoring an earlier version (uploader.md): compared side by side with the latest, then
// processed again as a new run of its stored file and confirmed types.
#pragma once

#include "web/staff_guard.hpp"

namespace dss::web {

http::Response restore_page(SiteServices& services, StaffRequest& request);

}  // namespace dss::web
