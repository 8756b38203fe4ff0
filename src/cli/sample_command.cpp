// `dss sample`: the demo client and the bundled sample `make run` loads, and a command to try
// the API with.
#include <fmt/core.h>

#include <filesystem>
#include <memory>

#include "cli/command_table.hpp"
#include "cli/source_summary.hpp"
#include "core/errors.hpp"
#include "core/startup.hpp"
#include "db/connection.hpp"
#include "sample/sample_data.hpp"
#include "storage/make_storage.hpp"

namespace dss::cli {
namespace {

struct SampleOptions {
    std::string base_url = "http://localhost:5050";
    bool force = false;
};

// The sample adds a client with every scope and demo rows: right for a laptop, wrong for a
// production database or a shared bucket.
void refuse_outside_development(const core::Settings& settings) {
    if (settings.is_production()) {
        throw core::UsageError(
            "refusing to load the sample (a client with every scope) with "
            "FLASK_ENV=" +
            settings.environment + "; --force if that is meant");
    }
    if (settings.storage.bucket_url.starts_with("s3://")) {
        throw core::UsageError("refusing to write sample files to " + settings.storage.bucket_url +
                               "; --force if that is meant");
    }
}

int load(const SampleOptions& options) {
    auto settings = core::load_settings_and_logging();
    if (!options.force) refuse_outside_development(settings);
    db::Connection connection(settings.database.url,
                              {settings.database.connect_timeout, "dss sample"});
    auto storage = storage::make_storage(settings.storage);
    auto sources = pipelines::load_source_definitions(
        std::filesystem::path(settings.config_directory) / "sources");
    auto report =
        sample::load_sample(connection, *storage, settings.storage.datasets_folder, sources);
    fmt::print("sample: {} files written to {} (folders with files are left alone)\n",
               report.files_written.size(), storage->describe());
    bool all_loaded = true;
    for (const auto& source : report.sources) {
        print_source_summary(source);
        all_loaded = all_loaded && source.succeeded();
    }
    fmt::print("Try the API with the demo Hawk client:\n");
    fmt::print(
        "  build/dss hawk request --url {}/api/v1/get-ons-postcodes/ --client-id {} --client-key "
        "{} --method GET\n",
        options.base_url, report.client_id, report.client_key);
    return all_loaded ? 0 : 1;
}

}  // namespace

Runner define_sample_command(CLI::App& command) {
    auto options = std::make_shared<SampleOptions>();
    command.add_option("--base-url", options->base_url,
                       "Where dss serve will listen, for the printed command");
    command.add_flag("--force", options->force,
                     "Load even in production (FLASK_ENV=prod) or into s3:// storage");
    return [options] { return load(*options); };
}

}  // namespace dss::cli
