// "Data successfully uploaded": the checks and inferred types of an upload, shown beside the
// current version's columns, and the user's yes (process it with these types) or no (discard).
#pragma once

#include "uploader/pipeline_store.hpp"
#include "web/staff_guard.hpp"

namespace dss::web {

http::Response verify_page(SiteServices& services, StaffRequest& request);

// The data file named by the route's {file_id} of `pipeline`, or a 404 page.
uploader::DataFile data_file_or_404(SiteServices& services, const StaffRequest& request,
                                    const uploader::Pipeline& pipeline);

}  // namespace dss::web
