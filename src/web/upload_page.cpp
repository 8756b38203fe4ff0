// Versions are listed newest first (uploader.md): the latest is the newest completed one.
#include "web/upload_page.hpp"

#include "web/pipeline_pages.hpp"

namespace dss::web {
namespace {

nlohmann::json versions_model(SiteServices& services, const uploader::Pipeline& pipeline) {
    auto connection = services.pool.acquire();
    auto latest = uploader::current_version(*connection, pipeline.id);
    auto versions = nlohmann::json::array();
    for (const auto& file : uploader::list_versions(*connection, pipeline.id)) {
        // The latest is what L0 holds; any other version that was loaded once can come back.
        bool is_latest = latest && latest->id == file.id;
        bool can_restore = !is_latest && !file.column_types.empty() && file.was_loaded();
        versions.push_back(
            {{"file_id", file.id},
             {"file_name", file.original_file_name},
             {"uploaded_at", file.uploaded_at},
             {"processed_at", file.processed_at},
             {"state", file.state ? std::string(uploader::state_name(*file.state)) : ""},
             {"is_latest", is_latest},
             {"can_restore", can_restore},
             {"restore_url", "/upload/data/" + pipeline.slug + "/restore/" + file.id + "/"}});
    }
    return versions;
}

}  // namespace

http::Response upload_form_page(SiteServices& services, StaffSession& session,
                                const auth::StaffUser& user, const uploader::Pipeline& pipeline,
                                nlohmann::json model) {
    auto versions = versions_model(services, pipeline);
    model["title"] = "Upload data";
    model["slug"] = pipeline.slug;
    model["organisation"] = pipeline.organisation;
    model["dataset"] = pipeline.dataset;
    model["has_versions"] = !versions.empty();
    model["versions"] = versions;
    if (!model.contains("delimiter")) model["delimiter"] = ",";
    if (!model.contains("quote")) model["quote"] = "\"";
    auto errors = model.find("errors");
    bool has_errors = errors != model.end() && !errors->empty();
    return staff_page(services, session, user, "pipeline_data_upload", model,
                      has_errors ? http::Status::bad_request : http::Status::ok);
}

http::Response upload_page(SiteServices& services, StaffRequest& request) {
    auto pipeline = pipeline_or_404(services, request);
    return upload_form_page(services, request.session, request.user, pipeline,
                            nlohmann::json::object());
}

}  // namespace dss::web
