// "Upload data": the form for a pipeline's next version, and its earlier versions with links to
// restore them.
#pragma once

#include "uploader/pipeline_store.hpp"
#include "web/staff_guard.hpp"

namespace dss::web {

// The form with `model`'s values and errors, and the pipeline's versions.
http::Response upload_form_page(SiteServices& services, StaffSession& session,
                                const auth::StaffUser& user, const uploader::Pipeline& pipeline,
                                nlohmann::json model);
// GET /upload/data/<slug>/.
http::Response upload_page(SiteServices& services, StaffRequest& request);

}  // namespace dss::web
