// Form checks with the reference's messages (uploader.md, "Pages and flow").
#include "web/pipeline_pages.hpp"

#include "core/ascii_case.hpp"
#include "core/ascii_text.hpp"
#include "http/responses.hpp"
#include "uploader/pipeline_store.hpp"
#include "web/html_responses.hpp"
#include "web/page_model.hpp"

namespace dss::web {
namespace {

constexpr std::string_view kRequired = "This field is required.";
constexpr std::string_view kNamingConventions =
    "Please choose a name that meets our dataset naming conventions.";
// PostgreSQL cuts longer names silently, so two schemas could become one.
constexpr std::size_t kLongestSchema = 63;

std::string trimmed(std::string_view text) { return std::string(core::trim(text, " ")); }

// Letters, digits, '_' and '.', with at least one letter or digit: ".." would be stored as
// "__", and its slug would be empty, a dataset no page could reach.
bool meets_naming_conventions(std::string_view name) {
    bool has_letter_or_digit = false;
    for (char c : name) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || (std::isalnum(byte) == 0 && c != '_' && c != '.')) return false;
        has_letter_or_digit = has_letter_or_digit || std::isalnum(byte) != 0;
    }
    return has_letter_or_digit;
}

// Stored lower case with '.' replaced by '_', so that "<organisation>.<dataset>" has one dot.
std::string stored_name(std::string_view name) {
    auto out = core::ascii_lower(name);
    for (char& c : out) {
        if (c == '.') c = '_';
    }
    return out;
}

// The field's error, or "" when the value is acceptable.
std::string name_error(const std::string& value) {
    if (value.empty()) return std::string(kRequired);
    if (!meets_naming_conventions(value)) return std::string(kNamingConventions);
    return {};
}

}  // namespace

uploader::Pipeline pipeline_or_404(SiteServices& services, const StaffRequest& request) {
    auto connection = services.pool.acquire();
    auto pipeline = uploader::find_pipeline(*connection, request.http.path_parameter("slug"));
    if (!pipeline) throw page_not_found(services);
    return *pipeline;
}

http::Response home_page(SiteServices& services, StaffRequest& request) {
    return staff_page(services, request, "home", {{"title", "Data Store Service"}});
}

http::Response pipeline_select_page(SiteServices& services, StaffRequest& request) {
    auto connection = services.pool.acquire();
    auto pipelines = uploader::list_pipelines(*connection);
    FormErrors errors;
    auto chosen = request.field("pipeline");
    if (request.http.request().method() == http::Verb::post) {
        for (const auto& pipeline : pipelines) {
            if (chosen && pipeline.slug == *chosen) {
                return redirect_to("/upload/data/" + pipeline.slug + "/");
            }
        }
        errors.add("pipeline", "Select the dataset you want to upload data to");
    }
    auto list = nlohmann::json::array();
    for (std::size_t i = 0; i < pipelines.size(); ++i) {
        list.push_back(
            {{"slug", pipelines[i].slug},
             {"label", pipelines[i].organisation + " / " + pipelines[i].dataset},
             {"radio_id", i == 0 ? std::string("pipeline") : "pipeline-" + std::to_string(i + 1)},
             {"checked", chosen && *chosen == pipelines[i].slug}});
    }
    nlohmann::json model = {{"title", "Manage datasets"},
                            {"has_pipelines", !pipelines.empty()},
                            {"pipelines", list},
                            {"pipeline_error", errors.message_for("pipeline")}};
    errors.add_to(model);
    return staff_page(services, request, "pipeline_select", model, errors.status());
}

http::Response pipeline_create_page(SiteServices& services, StaffRequest& request) {
    auto organisation = trimmed(request.field("organisation").value_or(""));
    auto dataset = trimmed(request.field("dataset").value_or(""));
    FormErrors errors;
    if (request.http.request().method() == http::Verb::post) {
        errors.add_if("organisation", name_error(organisation));
        errors.add_if("dataset", name_error(dataset));
        if (errors.empty() && organisation.size() + dataset.size() + 1 > kLongestSchema) {
            errors.add("dataset", "The organisation and dataset names together must be at most " +
                                      std::to_string(kLongestSchema - 1) + " characters long");
        }
        if (errors.empty()) {
            if (auto refusal = services.reserved_names.refusal(stored_name(organisation),
                                                               stored_name(dataset))) {
                errors.add(refusal->field, refusal->message);
            }
        }
        if (errors.empty()) {
            auto connection = services.pool.acquire();
            auto created = uploader::create_pipeline(*connection, stored_name(organisation),
                                                     stored_name(dataset));
            if (created) return redirect_to("/upload/created/" + created->slug + "/");
            errors.add_summary_only("organisation",
                                    "Pipeline for organisation and dataset already exists");
            errors.add_field_only("organisation", "Please update");
            errors.add_field_only("dataset", "Please update");
        }
    }
    nlohmann::json model = {{"title", "Create pipeline"},
                            {"organisation", organisation},
                            {"dataset", dataset},
                            {"organisation_error", errors.message_for("organisation")},
                            {"dataset_error", errors.message_for("dataset")}};
    errors.add_to(model);
    return staff_page(services, request, "pipeline_create", model, errors.status());
}

http::Response pipeline_created_page(SiteServices& services, StaffRequest& request) {
    auto pipeline = pipeline_or_404(services, request);
    return staff_page(services, request, "pipeline_created",
                      {{"title", "Dataset pipeline created"},
                       {"organisation", pipeline.organisation},
                       {"dataset", pipeline.dataset},
                       {"slug", pipeline.slug}});
}

}  // namespace dss::web
