// Form error bookkeeping for the GOV.UK error summary pattern.
#include "web/page_model.hpp"

#include "web/staff_guard.hpp"

namespace dss::web {

void FormErrors::add(const std::string& field_id, const std::string& message) {
    add_summary_only(field_id, message);
    add_field_only(field_id, message);
}

void FormErrors::add_summary_only(const std::string& field_id, const std::string& message) {
    summary_.emplace_back(field_id, message);
}

void FormErrors::add_field_only(const std::string& field_id, const std::string& message) {
    fields_.emplace_back(field_id, message);
}

std::string FormErrors::message_for(const std::string& field_id) const {
    for (const auto& [field, message] : fields_) {
        if (field == field_id) return message;
    }
    return {};
}

void FormErrors::add_to(nlohmann::json& model) const {
    auto errors = nlohmann::json::array();
    for (const auto& [field, message] : summary_) {
        errors.push_back({{"field_id", field}, {"message", message}});
    }
    model["errors"] = errors;
}

http::EarlyResponse page_not_found(const SiteServices& services) {
    return http::EarlyResponse(
        error_page(services, http::Status::not_found, "Page not found",
                   "If you typed the web address, check it is correct. If you "
                   "pasted the web address, check you copied the entire address."));
}

}  // namespace dss::web
