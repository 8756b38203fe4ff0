// Validation of every configuration key dss reads, with messages naming key and file.
#include "core/settings.hpp"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <limits>

#include "core/config.hpp"
#include "core/errors.hpp"

namespace dss::core {
namespace {

constexpr std::string_view kDefaultSecretKey = "random_string_dss";

std::string origin_of(const Config& config, std::string_view key) {
    const auto* value = config.find(key);
    return value == nullptr ? std::string("nowhere") : value->origin;
}

[[noreturn]] void reject(const Config& config, std::string_view key, const std::string& why) {
    throw ConfigError("configuration key " + std::string(key) + " (from " + origin_of(config, key) +
                      ") " + why);
}

std::int64_t integer_in(const Config& config, std::string_view key, std::int64_t low,
                        std::int64_t high) {
    auto value = config.integer(key);
    if (value < low || value > high) {
        reject(config, key,
               "must be between " + std::to_string(low) + " and " + std::to_string(high) +
                   ", got " + std::to_string(value));
    }
    return value;
}

// "HH:MM" or "HH:MM:SS", as seconds after midnight.
std::chrono::seconds time_of_day(const Config& config, std::string_view key) {
    auto text = config.string(key);
    auto two_digits = [&](std::size_t at) {
        bool digits = at + 2 <= text.size() && std::isdigit(static_cast<unsigned char>(text[at])) &&
                      std::isdigit(static_cast<unsigned char>(text[at + 1]));
        return digits ? (text[at] - '0') * 10 + (text[at + 1] - '0') : 99;
    };
    bool shaped = (text.size() == 5 || (text.size() == 8 && text[5] == ':')) && text[2] == ':';
    int hours = two_digits(0);
    int minutes = two_digits(3);
    int seconds = text.size() == 8 ? two_digits(6) : 0;
    if (!shaped || hours > 23 || minutes > 59 || seconds > 59)
        reject(config, key, "must be a time of day, HH:MM or HH:MM:SS, got '" + text + "'");
    return std::chrono::seconds(hours * 3600 + minutes * 60 + seconds);
}

std::string url_scheme(std::string_view url) {
    auto separator = url.find("://");
    return separator == std::string_view::npos ? std::string{}
                                               : std::string(url.substr(0, separator));
}

// An empty value is allowed where the key is optional; otherwise the scheme must be listed.
std::string url_with_scheme(const Config& config, std::string_view key,
                            std::initializer_list<std::string_view> schemes, bool optional) {
    auto url = config.string(key);
    if (url.empty() && optional) return url;
    auto scheme = url_scheme(url);
    for (auto allowed : schemes) {
        if (scheme == allowed) return url;
    }
    std::string expected;
    for (auto allowed : schemes)
        expected += (expected.empty() ? "" : ", ") + std::string(allowed) + "://";
    // The URL itself is not repeated: it may carry a password.
    reject(config, key,
           "has an unknown URL scheme '" + scheme + "' (expected " + expected +
               "; the value is not shown, it may hold a password)");
}

std::string storage_url(const Config& config) {
    auto url = config.string("s3.bucket_url");
    if (url.empty()) reject(config, "s3.bucket_url", "must not be empty");
    auto scheme = url_scheme(url);
    if (!scheme.empty() && scheme != "s3" && scheme != "file") {
        reject(config, "s3.bucket_url",
               "has an unknown URL scheme in '" + url + "' (expected s3://, file:// or a path)");
    }
    if ((scheme == "file" && url.size() == 7) || (scheme == "s3" && url.size() == 5))
        reject(config, "s3.bucket_url", "names no folder or bucket: '" + url + "'");
    return url;
}

std::string checked_log_level(const Config& config) {
    static constexpr std::array<std::string_view, 7> kLevels = {
        "trace", "debug", "info", "warning", "error", "critical", "off"};
    auto level = config.string("app.log_level");
    for (auto known : kLevels) {
        if (level == known) return level;
    }
    reject(config, "app.log_level",
           "must be one of trace, debug, info, warning, error, critical, off; got '" + level + "'");
}

// The server binds an address, not a name: "999.1.1.1" or "localhost" stop here, named.
std::string checked_address(const Config& config, std::string_view key) {
    auto host = config.string(key);
    std::array<unsigned char, sizeof(in6_addr)> parsed{};
    if (::inet_pton(AF_INET, host.c_str(), parsed.data()) == 1 ||
        ::inet_pton(AF_INET6, host.c_str(), parsed.data()) == 1) {
        return host;
    }
    reject(config, key, "must be an IPv4 or IPv6 address, got '" + host + "'");
}

}  // namespace

Settings Settings::from(const Config& config) {
    Settings s;
    s.environment = config.string("flask.env");
    s.secret_key = config.string("app.secret_key");
    s.session_secret_key = config.string("session.secret_key");
    s.log_level = checked_log_level(config);
    s.pagination_size = integer_in(config, "app.pagination_size", 1, 1'000'000);
    s.csv_sample_infer_lines = integer_in(config, "app.csv_sample_infer_lines", 1,
                                          std::numeric_limits<std::int32_t>::max());

    s.database.url = url_with_scheme(config, "app.database_url", {"postgresql", "postgres"}, false);
    s.database.pool_size =
        static_cast<unsigned>(integer_in(config, "app.database_pool_size", 1, 1000));
    s.database.connect_timeout =
        std::chrono::seconds(integer_in(config, "app.database_connect_timeout_seconds", 1, 3600));
    s.database.statement_timeout = std::chrono::seconds(
        integer_in(config, "app.database_statement_timeout_seconds", 0, 86400));

    s.http.host = checked_address(config, "http.host");
    s.http.port = static_cast<std::uint16_t>(integer_in(config, "http.port", 0, 65535));
    s.http.threads = static_cast<unsigned>(integer_in(config, "http.threads", 0, 256));
    s.http.body_limit_bytes =
        static_cast<std::size_t>(integer_in(config, "http.body_limit_bytes", 1024, 1LL << 40));
    s.http.max_connections =
        static_cast<std::size_t>(integer_in(config, "http.max_connections", 1, 1'000'000));
    s.http.queue_limit =
        static_cast<std::size_t>(integer_in(config, "http.queue_limit", 1, 1'000'000));
    s.http.read_timeout =
        std::chrono::seconds(integer_in(config, "http.read_timeout_seconds", 1, 86400));
    s.http.shutdown_timeout =
        std::chrono::seconds(integer_in(config, "http.shutdown_timeout_seconds", 0, 86400));
    s.http.trust_proxy = config.boolean("http.trust_proxy");
    s.http.no_browser_cache = config.boolean("http.no_browser_cache");

    s.hawk.enabled = config.boolean("access_control.hawk_enabled");
    s.hawk.nonce_enabled = config.boolean("access_control.hawk_nonce_enabled");
    s.hawk.insecure_acknowledged = config.boolean("access_control.insecure_acknowledged");
    s.hawk.response_header = config.boolean("access_control.hawk_response_header");
    s.hawk.algorithm = config.string("access_control.hawk_algorithm");
    if (s.hawk.algorithm != "sha256") {
        reject(config, "access_control.hawk_algorithm",
               "must be sha256, got '" + s.hawk.algorithm + "'");
    }
    s.hawk.accept_untrusted_content =
        config.boolean("access_control.hawk_accept_untrusted_content");
    s.hawk.localtime_offset_seconds =
        integer_in(config, "access_control.hawk_localtime_offset_in_seconds", -86400, 86400);
    s.hawk.timestamp_skew_seconds =
        integer_in(config, "access_control.hawk_timestamp_skew_in_seconds", 0, 86400);

    s.cache.host = config.string("cache.host");
    // A bare host name is allowed too (the reference's form, TLS chosen by cache.ssl).
    if (s.cache.host.find("://") != std::string::npos) {
        url_with_scheme(config, "cache.host", {"redis", "rediss"}, true);
    }
    s.cache.port = static_cast<std::uint16_t>(integer_in(config, "cache.port", 1, 65535));
    s.cache.password = config.string("cache.password");
    s.cache.ssl = config.boolean("cache.ssl");
    s.cache.ca_file = config.string("cache.ca_file");

    s.storage.bucket_url = storage_url(config);
    s.storage.datasets_folder = config.string("s3.datasets_folder");
    s.storage.upload_folder = config.string("s3.upload_folder");
    s.storage.endpoint_url = url_with_scheme(config, "s3.endpoint_url", {"http", "https"}, true);
    s.storage.access_key_id = config.string("s3.access_key_id");
    s.storage.secret_access_key = config.string("s3.secret_access_key");
    s.storage.region = config.string("s3.region");

    s.sso.base_url = url_with_scheme(config, "sso.base_url", {"http", "https"}, false);
    s.sso.profile_path = config.string("sso.profile_path");
    s.sso.authorize_path = config.string("sso.authorize_path");
    s.sso.access_token_path = config.string("sso.access_token_path");
    s.sso.logout_path = config.string("sso.logout_path");
    s.sso.client_id = config.string("sso.client_id");
    s.sso.client_secret = config.string("sso.client_secret");

    s.uploader.max_upload_bytes = static_cast<std::uint64_t>(
        integer_in(config, "uploader.max_upload_bytes", 1, std::int64_t{1} << 50));
    s.uploader.workers = static_cast<unsigned>(integer_in(config, "uploader.workers", 1, 64));
    s.uploader.interrupted_after =
        std::chrono::seconds(integer_in(config, "uploader.interrupted_after_seconds", 2, 86400));
    s.uploader.sso_timeout =
        std::chrono::seconds(integer_in(config, "uploader.sso_timeout_seconds", 1, 600));
    s.uploader.sso_profile_cache =
        std::chrono::seconds(integer_in(config, "uploader.sso_profile_cache_seconds", 0, 3600));
    s.uploader.session_max_age = std::chrono::seconds(
        integer_in(config, "uploader.session_max_age_seconds", 60, std::int64_t{30} * 86400));

    s.ingest.zip_member_limit = static_cast<std::uint64_t>(
        integer_in(config, "ingest.zip_member_limit_bytes", 1024, std::int64_t{1} << 50));
    s.fetch.sources_file = config.string("fetch.sources_file");
    s.fetch.attempts = static_cast<int>(integer_in(config, "fetch.attempts", 1, 100));
    s.fetch.first_pause =
        std::chrono::milliseconds(integer_in(config, "fetch.retry_pause_ms", 0, 3'600'000));
    s.fetch.stall_timeout =
        std::chrono::seconds(integer_in(config, "fetch.stall_timeout_seconds", 1, 86'400));
    s.scheduler.sweep_interval =
        std::chrono::seconds(integer_in(config, "scheduler.sweep_interval_seconds", 1, 86'400));
    if (!config.string("scheduler.nightly_at").empty())
        s.scheduler.nightly_at = time_of_day(config, "scheduler.nightly_at");
    s.dataflow.base_url = url_with_scheme(config, "dataflow.base_url", {"http", "https"}, true);
    s.dataflow.data_uploader_dag_id = config.string("dataflow.data_uploader_dag_id");
    s.dataflow.hawk_id = config.string("dataflow.hawk_id");
    s.dataflow.hawk_key = config.string("dataflow.hawk_key");
    s.dataflow.poll_interval =
        std::chrono::seconds(integer_in(config, "dataflow.poll_interval_seconds", 1, 3600));
    s.dataflow.wait_limit =
        std::chrono::seconds(integer_in(config, "dataflow.wait_limit_seconds", 1, 86'400));
    s.dataflow.timeout =
        std::chrono::seconds(integer_in(config, "dataflow.timeout_seconds", 1, 3600));
    return s;
}

bool Settings::uses_default_secret_key() const { return secret_key == kDefaultSecretKey; }

bool Settings::is_production() const {
    return environment == "prod" || environment == "production";
}

}  // namespace dss::core
