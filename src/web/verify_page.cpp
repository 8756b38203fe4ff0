// The stored file is inspected on every showing (a sample of at most
// app.csv_sample_infer_lines rows), so nothing about it needs keeping between requests.
#include "web/verify_page.hpp"

#include "core/logging.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/csv_inspection.hpp"
#include "uploader/processing_worker.hpp"
#include "web/html_responses.hpp"
#include "web/page_model.hpp"
#include "web/pipeline_pages.hpp"

namespace dss::web {
namespace {

constexpr std::string_view kConfirmOrReject = "Confirm or reject the data file contents";

uploader::Inspection inspect(SiteServices& services, const uploader::DataFile& file) {
    auto input = services.storage.open(file.url);
    uploader::InspectionOptions options;
    options.dialect = uploader::parse_dialect(file.delimiter, file.quote);
    options.infer_rows = static_cast<std::uint64_t>(services.settings.csv_sample_infer_lines);
    return uploader::inspect_csv(*input, options);
}

nlohmann::json sample_model(const uploader::Inspection& inspection) {
    auto header = nlohmann::json::array();
    std::size_t rows = 0;
    for (const auto& column : inspection.columns) {
        header.push_back({{"name", column.name}});
        rows = std::max(rows, column.sample.size());
    }
    auto sample_rows = nlohmann::json::array();
    for (std::size_t row = 0; row < rows; ++row) {
        auto cells = nlohmann::json::array();
        for (const auto& column : inspection.columns) {
            cells.push_back({{"value", row < column.sample.size() ? column.sample[row] : ""}});
        }
        sample_rows.push_back({{"cells", cells}});
    }
    return {{"sample_header", header}, {"sample_rows", sample_rows}};
}

std::string current_type(const uploader::ColumnTypes& current, const std::string& name) {
    for (const auto& [column, type] : current) {
        if (column == name) return type;
    }
    return {};
}

nlohmann::json columns_model(const uploader::Inspection& inspection,
                             const uploader::ColumnTypes& current,
                             const std::vector<std::string>& chosen) {
    auto columns = nlohmann::json::array();
    for (std::size_t i = 0; i < inspection.columns.size(); ++i) {
        const auto& column = inspection.columns[i];
        auto selected = i < chosen.size() && !chosen[i].empty()
                            ? chosen[i]
                            : std::string(uploader::column_type_name(column.type));
        auto types = nlohmann::json::array();
        for (auto type : uploader::all_column_types()) {
            auto name = std::string(uploader::column_type_name(type));
            types.push_back({{"value", name}, {"selected", name == selected}});
        }
        auto existing = current_type(current, column.name);
        columns.push_back({{"index", i},
                           {"name", column.name},
                           {"select_id", "type-" + std::to_string(i)},
                           {"reason", std::string(uploader::column_type_name(column.type)) + ": " +
                                          column.reason},
                           {"types", types},
                           {"has_current", !existing.empty()},
                           {"current_type", existing.empty() ? "new column" : existing}});
    }
    return columns;
}

nlohmann::json missing_columns(const uploader::Inspection& inspection,
                               const uploader::ColumnTypes& current) {
    auto missing = nlohmann::json::array();
    for (const auto& [name, type] : current) {
        bool present = false;
        for (const auto& column : inspection.columns) present = present || column.name == name;
        if (!present) missing.push_back({{"name", name}});
    }
    return missing;
}

// The types chosen in the form, one per column, checked; "" where the form sent none.
std::vector<std::string> chosen_types(const StaffRequest& request, std::size_t columns,
                                      FormErrors& errors) {
    std::vector<std::string> chosen(columns);
    for (std::size_t i = 0; i < columns; ++i) {
        auto value = request.field("type_" + std::to_string(i));
        if (!value) continue;
        if (!uploader::parse_column_type(*value)) {
            errors.add("type-" + std::to_string(i), "Choose one of the listed types");
            continue;
        }
        chosen[i] = *value;
    }
    return chosen;
}

http::Response check_failed(SiteServices& services, StaffRequest& request,
                            const uploader::Pipeline& pipeline, const uploader::DataFile& file,
                            const std::string& message) {
    auto connection = services.pool.acquire();
    uploader::mark_failed(*connection, file.id, message);
    return staff_page(services, request, "pipeline_data_verify",
                      {{"title", "There is a problem with the data file"},
                       {"slug", pipeline.slug},
                       {"file_id", file.id},
                       {"check_error", message}},
                      http::Status::unprocessable_entity);
}

http::Response discard(SiteServices& services, const uploader::DataFile& file) {
    auto connection = services.pool.acquire();
    // Confirmed meanwhile (another tab): the worker has it, and its file stays.
    if (!uploader::delete_uploaded_file(*connection, file.id)) {
        return redirect_to("/upload/");
    }
    // A restore shares its stored file with the version it restored: keep it for that one.
    if (uploader::rows_sharing_url(*connection, file) == 0) {
        try {
            services.storage.remove(file.url);
        } catch (const std::exception& error) {
            core::logger("upload")->warn("{}: the stored file could not be removed: {}", file.id,
                                         error.what());
        }
    }
    return redirect_to("/upload/");
}

http::Response confirm(SiteServices& services, const uploader::Pipeline& pipeline,
                       const uploader::DataFile& file, const uploader::Inspection& inspection,
                       const std::vector<std::string>& chosen) {
    uploader::ColumnTypes types;
    for (std::size_t i = 0; i < inspection.columns.size(); ++i) {
        types.emplace_back(inspection.columns[i].name,
                           chosen[i].empty()
                               ? std::string(uploader::column_type_name(inspection.columns[i].type))
                               : chosen[i]);
    }
    auto connection = services.pool.acquire();
    // A second "yes" for the same file (a double click) starts nothing more.
    if (uploader::mark_verified(*connection, file.id, types, inspection.encoding)) {
        services.worker.submit(file.id);
    }
    return redirect_to("/upload/data/" + pipeline.slug + "/uploaded/" + file.id + "/");
}

}  // namespace

uploader::DataFile data_file_or_404(SiteServices& services, const StaffRequest& request,
                                    const uploader::Pipeline& pipeline) {
    auto connection = services.pool.acquire();
    auto file = uploader::find_data_file(*connection, request.http.path_parameter("file_id"));
    if (!file || file->pipeline_id != pipeline.id) throw page_not_found(services);
    return *file;
}

http::Response verify_page(SiteServices& services, StaffRequest& request) {
    auto pipeline = pipeline_or_404(services, request);
    auto file = data_file_or_404(services, request, pipeline);
    if (file.state != uploader::UploadState::uploaded) {
        // Already confirmed or failed: its progress page says where it is.
        return redirect_to("/upload/data/" + pipeline.slug + "/uploaded/" + file.id + "/");
    }
    FormErrors errors;
    auto proceed = request.field("proceed");
    bool posted = request.http.request().method() == http::Verb::post;
    if (posted && proceed == "no") return discard(services, file);
    uploader::Inspection inspection;
    try {
        inspection = inspect(services, file);
    } catch (const uploader::CsvCheckError& error) {
        return check_failed(services, request, pipeline, file, error.what());
    } catch (const storage::NotFound&) {
        return check_failed(services, request, pipeline, file,
                            "The uploaded file is no longer in storage. Upload it again.");
    }
    auto chosen = chosen_types(request, inspection.columns.size(), errors);
    if (posted) {
        if (proceed != "yes") errors.add("proceed", std::string(kConfirmOrReject));
        if (errors.empty()) return confirm(services, pipeline, file, inspection, chosen);
    }
    auto connection = services.pool.acquire();
    auto current = uploader::current_version(*connection, pipeline.id);
    uploader::ColumnTypes current_types = current ? current->column_types : uploader::ColumnTypes{};
    auto missing = missing_columns(inspection, current_types);
    nlohmann::json model = sample_model(inspection);
    model.update({{"title", "Data successfully uploaded"},
                  {"slug", pipeline.slug},
                  {"file_id", file.id},
                  {"organisation", pipeline.organisation},
                  {"dataset", pipeline.dataset},
                  {"columns", columns_model(inspection, current_types, chosen)},
                  {"has_current_version", current.has_value()},
                  {"missing_columns", missing},
                  {"has_missing_columns", !missing.empty()},
                  {"rows_inspected", inspection.rows_inspected},
                  {"proceed_error", errors.message_for("proceed")}});
    errors.add_to(model);
    return staff_page(services, request, "pipeline_data_verify", model, errors.status());
}

}  // namespace dss::web
