// What staff pages build their models with: form errors in the GOV.UK shape (a summary whose
// links lead to the fields, and a message at each field), and pages that end a request early.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http/responses.hpp"
#include "web/site_services.hpp"

namespace dss::web {

class FormErrors {
   public:
    // In the summary, linking to the field, and at the field.
    void add(const std::string& field_id, const std::string& message);
    void add_if(const std::string& field_id, const std::string& message) {
        if (!message.empty()) add(field_id, message);
    }
    void add_summary_only(const std::string& field_id, const std::string& message);
    void add_field_only(const std::string& field_id, const std::string& message);

    // The message shown at the field ("" when none).
    std::string message_for(const std::string& field_id) const;
    bool empty() const { return summary_.empty() && fields_.empty(); }
    // A form sent back with errors is a 400: the request could not be acted on.
    http::Status status() const { return empty() ? http::Status::ok : http::Status::bad_request; }
    // Sets "errors": [{field_id, message}, ...] in the model.
    void add_to(nlohmann::json& model) const;

   private:
    std::vector<std::pair<std::string, std::string>> summary_;
    std::vector<std::pair<std::string, std::string>> fields_;
};

// The "Page not found" page, to throw.
http::EarlyResponse page_not_found(const SiteServices& services);

}  // namespace dss::web
