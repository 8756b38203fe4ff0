// A version whose stored file is gone cannot be restored: that is said before anything is
// queued, and the data being served stays as it is.
#include "web/restore_page.hpp"

#include "core/logging.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/csv_inspection.hpp"
#include "uploader/processing_worker.hpp"
#include "web/html_responses.hpp"
#include "web/page_model.hpp"
#include "web/pipeline_pages.hpp"
#include "web/verify_page.hpp"

namespace dss::web {
namespace {

constexpr std::size_t kSampleRows = 4;

// The first values of each column, or nothing when the file cannot be read.
std::map<std::string, std::string> samples(SiteServices& services, const uploader::DataFile& file) {
    std::map<std::string, std::string> by_column;
    try {
        auto input = services.storage.open(file.url);
        uploader::InspectionOptions options;
        options.dialect = uploader::parse_dialect(file.delimiter, file.quote);
        options.infer_rows = kSampleRows;
        options.sample_rows = kSampleRows;
        for (const auto& column : uploader::inspect_csv(*input, options).columns) {
            std::string joined;
            for (const auto& value : column.sample) joined += (joined.empty() ? "" : ", ") + value;
            by_column[column.name] = joined;
        }
    } catch (const std::exception& error) {
        core::logger("upload")->warn("{}: no sample for the restore page: {}", file.id,
                                     error.what());
    }
    return by_column;
}

nlohmann::json version_model(SiteServices& services, const uploader::DataFile& file) {
    auto sample = samples(services, file);
    auto columns = nlohmann::json::array();
    for (const auto& [name, type] : file.column_types) {
        columns.push_back({{"name", name}, {"type", type}, {"sample", sample[name]}});
    }
    return {{"file_id", file.id},
            {"file_name", file.original_file_name},
            {"uploaded_at", file.uploaded_at},
            {"processed_at", file.processed_at},
            {"columns", columns}};
}

bool is_stored(SiteServices& services, const uploader::DataFile& file) {
    try {
        services.storage.open(file.url);
        return true;
    } catch (const storage::NotFound&) {
        return false;
    }
}

}  // namespace

http::Response restore_page(SiteServices& services, StaffRequest& request) {
    auto pipeline = pipeline_or_404(services, request);
    auto file = data_file_or_404(services, request, pipeline);
    if (file.column_types.empty() || !file.was_loaded()) {
        throw http::EarlyResponse(error_page(services, http::Status::conflict,
                                             "This version cannot be restored",
                                             "It was never loaded into the dataset, so there is "
                                             "no earlier version to go back to."));
    }
    if (!is_stored(services, file)) {
        throw http::EarlyResponse(error_page(
            services, http::Status::conflict, "This version cannot be restored",
            "Its file is no longer in storage. The data being served now stays as it is."));
    }
    if (request.http.request().method() == http::Verb::post &&
        request.field("action") == "restore") {
        auto connection = services.pool.acquire();
        auto id = uploader::insert_restored_file(*connection, file);
        services.worker.submit(id);
        core::logger("upload")->info("{} restored {} of {} as {}", request.user.name, file.id,
                                     pipeline.schema(), id);
        return redirect_to("/upload/data/" + pipeline.slug + "/uploaded/" + id + "/");
    }
    auto connection = services.pool.acquire();
    auto latest = uploader::current_version(*connection, pipeline.id);
    nlohmann::json model = {
        {"title", "Restore a version"},
        {"slug", pipeline.slug},
        {"file_id", file.id},
        {"organisation", pipeline.organisation},
        {"dataset", pipeline.dataset},
        {"has_latest", latest.has_value()},
        {"latest", latest ? version_model(services, *latest) : nlohmann::json::object()},
        {"version", version_model(services, file)}};
    return staff_page(services, request, "pipeline_restore_version", model);
}

}  // namespace dss::web
