// `dss serve`: the HTTP server for the API, the web pages and the health check.
#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <tuple>

#include "api/routes.hpp"
#include "auth/hawk_client_directory.hpp"
#include "auth/nonce_store.hpp"
#include "cli/command_table.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "core/startup.hpp"
#include "db/database_url.hpp"
#include "db/pool.hpp"
#include "http/server.hpp"
#include "pipelines/source_definition.hpp"
#include "storage/make_storage.hpp"
#include "uploader/processing_worker.hpp"
#include "uploader/reserved_names.hpp"
#include "web/site_routes.hpp"

namespace dss::cli {
namespace {

struct ServeOptions {
    std::optional<int> port;
    std::optional<std::string> host;
};

// app.secret_key seals the staff session cookie: outside dev and test, the shipped default (or
// nothing) would let anyone forge a signed-in session, and a short key is guessable.
constexpr std::size_t kShortestSecretKey = 32;

void check_secret_key(const core::Settings& settings) {
    if (settings.environment == "dev" || settings.environment == "test") return;
    if (settings.uses_default_secret_key()) {
        throw core::ConfigError(
            "app.secret_key is the shipped default; set DSS_APP_SECRET_KEY to a secret of at "
            "least " +
            std::to_string(kShortestSecretKey) + " bytes before running in " +
            settings.environment);
    }
    if (settings.secret_key.size() < kShortestSecretKey) {
        throw core::ConfigError("app.secret_key (DSS_APP_SECRET_KEY) is " +
                                std::to_string(settings.secret_key.size()) +
                                " bytes long; outside dev and test it must be at least " +
                                std::to_string(kShortestSecretKey));
    }
}

// Switching authentication or replay protection off is loud, and in production it needs a
// second, explicit setting: one stray variable must not open the API.
void check_security_switches(const core::Settings& settings) {
    for (const auto& [off, key, variable] :
         {std::tuple{!settings.hawk.enabled, "access_control.hawk_enabled", "DSS_HAWK_ENABLED"},
          std::tuple{!settings.hawk.nonce_enabled, "access_control.hawk_nonce_enabled",
                     "DSS_HAWK_NONCE_ENABLED"}}) {
        if (!off) continue;
        if (settings.is_production() && !settings.hawk.insecure_acknowledged) {
            throw core::ConfigError(std::string(key) + " (" + variable + ") is False in " +
                                    settings.environment +
                                    "; set DSS_ACKNOWLEDGE_INSECURE=True if that is meant");
        }
        core::logger("http")->warn(
            "{} ({}) is False: {}", key, variable,
            settings.hawk.enabled ? "replayed requests are accepted" : "the API is open to anyone");
    }
}

int serve(const ServeOptions& options) {
    auto settings = core::load_settings_and_logging();
    if (options.port) settings.http.port = static_cast<std::uint16_t>(*options.port);
    if (options.host) settings.http.host = *options.host;
    check_secret_key(settings);
    check_security_switches(settings);

    db::Pool pool(
        {settings.database.url,
         settings.database.pool_size,
         {settings.database.connect_timeout, "dss serve", settings.database.statement_timeout}});
    // Fail at start rather than serve 503s from a misconfigured URL.
    pool.acquire()->execute("SELECT 1");

    auto nonces = auth::make_nonce_store(settings.cache);
    auth::HawkAuthenticator authenticator(settings.hawk, settings.http.trust_proxy,
                                          auth::hawk_client_lookup(pool), *nonces);
    api::Services services{settings, pool, authenticator};
    auto router = api::make_router(services);
    // The staff pages: sign-in, the uploader and its worker.
    auto site_files = web::find_site_files();
    web::PageRenderer pages(site_files.templates);
    auto storage = storage::make_storage(settings.storage);
    auth::SsoClient sso(settings.sso, settings.uploader.sso_timeout,
                        settings.uploader.sso_profile_cache);
    auth::SessionSealer sealer(settings.secret_key, settings.uploader.session_max_age);
    // Without the sources' definitions nothing would keep uploads off their tables: refuse.
    auto sources_folder = std::filesystem::path(settings.config_directory) / "sources";
    if (!std::filesystem::is_directory(sources_folder)) {
        throw core::ConfigError(sources_folder.string() +
                                " not found: dss serve reads the sources' definitions there to "
                                "keep uploads off their schemas and folders (DSS_CONFIG_DIR)");
    }
    uploader::ReservedNames reserved_names(pipelines::load_source_definitions(sources_folder),
                                           settings.storage.datasets_folder,
                                           settings.storage.upload_folder);
    uploader::ProcessingWorker worker(settings, *storage, reserved_names,
                                      settings.uploader.workers);
    web::SiteServices site{settings, pool, *storage, sso, sealer, pages, worker, reserved_names};
    web::add_site_routes(router, site, site_files);
    http::Server server(settings.http, router, settings.database.pool_size);
    server.set_deadline_action([&pool] { pool.cancel_running(); });
    core::logger("http")->info("dss serving on port {} ({} environment, database {})",
                               server.port(), settings.environment,
                               db::redact_password(settings.database.url));
    server.run();
    return 0;
}

}  // namespace

Runner define_serve_command(CLI::App& command) {
    auto options = std::make_shared<ServeOptions>();
    command.add_option("--port", options->port, "Port to listen on (default: http.port, PORT)")
        ->check(CLI::Range(0, 65535));
    command.add_option("--host", options->host, "Address to listen on (default: http.host)");
    return [options] { return serve(*options); };
}

}  // namespace dss::cli
