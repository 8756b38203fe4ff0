// Typed, validated settings: what the rest of dss reads instead of raw configuration keys.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace dss::core {

class Config;

struct HttpSettings {
    std::string host;
    std::uint16_t port = 5050;
    unsigned threads = 0;  // 0: one per core
    // The largest body any route may take; each route has its own limit below it (none for
    // the API's GET routes, whose bodies are refused before they are read).
    std::size_t body_limit_bytes = 0;
    // Open connections beyond this are answered 503 and closed.
    std::size_t max_connections = 1000;
    // Requests waiting for a worker beyond this are answered 503 at once.
    std::size_t queue_limit = 256;
    std::chrono::seconds read_timeout{30};
    std::chrono::seconds shutdown_timeout{30};
    bool trust_proxy = false;
    bool no_browser_cache = false;
};

struct DatabaseSettings {
    std::string url;
    unsigned pool_size = 8;
    std::chrono::seconds connect_timeout{3};
    // Statements of `dss serve` that run longer are cancelled (0: never).
    std::chrono::seconds statement_timeout{30};
};

struct HawkSettings {
    bool enabled = true;
    bool nonce_enabled = true;
    bool response_header = true;
    std::string algorithm;
    bool accept_untrusted_content = false;
    // Lets a production server run with hawk_enabled or hawk_nonce_enabled off.
    bool insecure_acknowledged = false;
    std::int64_t localtime_offset_seconds = 0;
    std::int64_t timestamp_skew_seconds = 60;
};

struct CacheSettings {
    std::string host;  // empty: in-process nonce store
    std::uint16_t port = 6379;
    std::string password;
    bool ssl = true;
    std::string ca_file;  // certificates trusted for rediss:// (empty: the system's)
};

struct StorageSettings {
    std::string bucket_url;
    std::string datasets_folder;
    std::string upload_folder;
    std::string endpoint_url;
    std::string access_key_id;
    std::string secret_access_key;
    std::string region;
};

struct SsoSettings {
    std::string base_url;
    std::string profile_path;
    std::string authorize_path;
    std::string access_token_path;
    std::string logout_path;
    std::string client_id;
    std::string client_secret;
};

struct UploaderSettings {
    std::uint64_t max_upload_bytes = std::uint64_t{10} << 30;
    unsigned workers = 2;
    std::chrono::seconds interrupted_after{60};
    std::chrono::seconds sso_timeout{10};
    std::chrono::seconds sso_profile_cache{60};
    std::chrono::seconds session_max_age{43200};
};

struct IngestSettings {
    // A zip member that expands past this is refused (a zip bomb), bytes.
    std::uint64_t zip_member_limit = std::uint64_t{16} << 30;
};

struct DataflowSettings {
    std::string base_url;  // empty: no trigger
    std::string data_uploader_dag_id;
    std::string hawk_id;
    std::string hawk_key;
    // How long a trigger may wait for data-flow's answer.
    std::chrono::seconds timeout{30};
    // `dss nightly --wait`: how often a run's state is asked for, and for how long.
    std::chrono::seconds poll_interval{5};
    std::chrono::seconds wait_limit{1800};
};

struct FetchSettings {
    // The publishers' listings; empty: sources.yml in the configuration folder.
    std::string sources_file;
    // Tries of a request that met a 5xx, a timeout or a cut connection, with pauses that
    // double from the first.
    int attempts = 4;
    std::chrono::milliseconds first_pause{2000};
    // No byte for this long abandons a try.
    std::chrono::seconds stall_timeout{60};
};

struct SchedulerSettings {
    std::chrono::seconds sweep_interval{3600};
    // When set, `dss scheduler` runs the nightly job at this time of day (UTC).
    std::optional<std::chrono::seconds> nightly_at;
};

struct Settings {
    std::string environment;  // dev, test or prod
    std::string secret_key;
    std::string session_secret_key;
    std::string log_level;
    std::int64_t pagination_size = 1000;
    std::int64_t csv_sample_infer_lines = 100000;
    DatabaseSettings database;
    HttpSettings http;
    HawkSettings hawk;
    CacheSettings cache;
    StorageSettings storage;
    SsoSettings sso;
    DataflowSettings dataflow;
    UploaderSettings uploader;
    IngestSettings ingest;
    FetchSettings fetch;
    SchedulerSettings scheduler;
    // The folder configuration was read from; source definitions live in its sources/.
    std::string config_directory;

    // Reads and checks every key, so that bad configuration stops dss before it does anything.
    static Settings from(const Config& config);

    bool uses_default_secret_key() const;
    // FLASK_ENV is prod or production.
    bool is_production() const;
};

}  // namespace dss::core
