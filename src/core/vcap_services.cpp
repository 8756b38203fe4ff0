// Maps Cloud Foundry service bindings onto configuration keys (config.md, "Cloud Foundry").
#include "core/vcap_services.hpp"

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/errors.hpp"

namespace dss::core {
namespace {

constexpr const char* kOrigin = "VCAP_SERVICES";

const nlohmann::json* first_credentials(const nlohmann::json& services, const char* label) {
    auto found = services.find(label);
    if (found == services.end() || !found->is_array() || found->empty()) return nullptr;
    const auto& service = found->front();
    auto credentials = service.find("credentials");
    if (credentials == service.end() || !credentials->is_object()) {
        throw ConfigError(std::string("VCAP_SERVICES: the first '") + label +
                          "' service has no credentials object");
    }
    return &*credentials;
}

std::string required_text(const nlohmann::json& credentials, const char* label, const char* field) {
    auto found = credentials.find(field);
    if (found == credentials.end() || !found->is_string()) {
        throw ConfigError(std::string("VCAP_SERVICES: '") + label +
                          "' credentials lack the text field '" + field + "'");
    }
    return found->get<std::string>();
}

void set_text(Config& config, const std::string& key, std::string value) {
    config.set(key, ConfigValue{std::move(value), kOrigin});
}

}  // namespace

void apply_vcap_services(const Environment& environment, Config& config) {
    auto text = environment.get("VCAP_SERVICES");
    if (!text || text->empty()) return;
    nlohmann::json services;
    try {
        services = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::parse_error& error) {
        throw ConfigError(std::string("VCAP_SERVICES is not valid JSON: ") + error.what());
    }
    if (!services.is_object()) throw ConfigError("VCAP_SERVICES must be a JSON object");

    if (const auto* postgres = first_credentials(services, "postgres")) {
        auto uri = required_text(*postgres, "postgres", "uri");
        // libpq and the reference's SQLAlchemy both want the postgresql: spelling.
        if (uri.starts_with("postgres:")) uri.replace(0, 9, "postgresql:");
        set_text(config, "app.database_url", std::move(uri));
    }
    if (const auto* redis = first_credentials(services, "redis")) {
        // The URI carries scheme, password, host and port; it replaces the separate settings.
        set_text(config, "cache.host", required_text(*redis, "redis", "uri"));
    }
    if (const auto* bucket = first_credentials(services, "aws-s3-bucket")) {
        set_text(config, "s3.bucket_url",
                 "s3://" + required_text(*bucket, "aws-s3-bucket", "bucket_name"));
        set_text(config, "s3.access_key_id",
                 required_text(*bucket, "aws-s3-bucket", "aws_access_key_id"));
        set_text(config, "s3.secret_access_key",
                 required_text(*bucket, "aws-s3-bucket", "aws_secret_access_key"));
        set_text(config, "s3.region", required_text(*bucket, "aws-s3-bucket", "aws_region"));
    }
}

}  // namespace dss::core
