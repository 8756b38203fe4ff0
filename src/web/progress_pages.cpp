// The state texts come from uploader::state_progress, the one table of them.
#include "web/progress_pages.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "http/responses.hpp"
#include "uploader/column_inference.hpp"
#include "web/html_responses.hpp"
#include "web/page_model.hpp"
#include "web/pipeline_pages.hpp"
#include "web/verify_page.hpp"

namespace dss::web {
namespace {

nlohmann::json progress_of(const uploader::DataFile& file) {
    auto progress = uploader::state_progress(file.state);
    return {{"state", file.state ? nlohmann::json(std::string(uploader::state_name(*file.state)))
                                 : nlohmann::json(nullptr)},
            {"progress", std::string(progress.percent)},
            {"info", std::string(progress.info)},
            {"rows_loaded", file.rows_loaded},
            {"bytes_read", file.bytes_read}};
}

std::string failed_url(const uploader::Pipeline& pipeline, const uploader::DataFile& file) {
    return "/upload/data/" + pipeline.slug + "/uploaded/" + file.id + "/failed/";
}

}  // namespace

http::Response uploaded_page(SiteServices& services, StaffRequest& request) {
    auto pipeline = pipeline_or_404(services, request);
    auto file = data_file_or_404(services, request, pipeline);
    if (file.state == uploader::UploadState::failed) {
        return redirect_to(failed_url(pipeline, file), http::Status::found);
    }
    auto progress = progress_of(file);
    nlohmann::json model = {
        {"title", "Data now being processed"},
        {"slug", pipeline.slug},
        {"file_id", file.id},
        {"organisation", pipeline.organisation},
        {"dataset", pipeline.dataset},
        {"state", progress["state"].is_null() ? "" : progress["state"].get<std::string>()},
        {"progress", progress["progress"]},
        {"info", progress["info"]},
        // As the page's script shows them: 1,234,567 rows and 12.3 MB.
        {"rows_loaded", uploader::with_thousands_separators(static_cast<std::uint64_t>(
                            std::max<std::int64_t>(file.rows_loaded, 0)))},
        {"bytes_read", fmt::format("{:.1f} MB", static_cast<double>(file.bytes_read) / 1e6)},
        {"completed", file.state == uploader::UploadState::completed}};
    return staff_page(services, request, "pipeline_data_uploaded", model);
}

http::Response failed_page(SiteServices& services, StaffRequest& request) {
    auto pipeline = pipeline_or_404(services, request);
    auto file = data_file_or_404(services, request, pipeline);
    if (file.state != uploader::UploadState::failed) {
        return redirect_to("/upload/data/" + pipeline.slug + "/uploaded/" + file.id + "/",
                           http::Status::found);
    }
    return staff_page(
        services, request, "pipeline_data_upload_failed",
        {{"title", "There is a problem with the data file"},
         {"slug", pipeline.slug},
         {"file_id", file.id},
         {"error_message", file.error_message.empty()
                               ? std::string(uploader::state_progress(file.state).info)
                               : file.error_message}});
}

http::Response progress_json(SiteServices& services, StaffRequest& request) {
    auto connection = services.pool.acquire();
    auto file = uploader::find_data_file(*connection, request.http.path_parameter("file_id"));
    if (!file) return http::json_response(http::Status::not_found, {{"error", "no such upload"}});
    auto response = http::json_response(http::Status::ok, progress_of(*file));
    response.set(http::beast_http::field::cache_control, "no-store");
    return response;
}

}  // namespace dss::web
