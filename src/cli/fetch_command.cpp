// `dss fetch [--all | --source ID ...] [--latest-only]` (jobs.md "Fetch").
#include "cli/fetch_command.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command_table.hpp"
#include "cli/download_progress_line.hpp"
#include "core/errors.hpp"
#include "core/startup.hpp"
#include "core/termination_request.hpp"
#include "fetch/fetch_definition.hpp"
#include "fetch/fetch_runner.hpp"
#include "pipelines/source_definition.hpp"
#include "storage/make_storage.hpp"

namespace dss::cli {
namespace {

std::vector<fetch::FetchDefinition> selected(const std::vector<fetch::FetchDefinition>& known,
                                             const FetchCommandOptions& options) {
    for (const auto& wanted : options.sources) {
        bool found = std::any_of(known.begin(), known.end(), [&](const auto& definition) {
            return definition.source == wanted;
        });
        if (!found) throw core::UsageError("no fetch definition for source '" + wanted + "'");
    }
    std::vector<fetch::FetchDefinition> chosen;
    std::copy_if(known.begin(), known.end(), std::back_inserter(chosen),
                 [&](const auto& definition) {
                     return options.all || std::find(options.sources.begin(), options.sources.end(),
                                                     definition.source) != options.sources.end();
                 });
    return chosen;
}

const pipelines::SourceDefinition& pipeline_of(
    const std::vector<pipelines::SourceDefinition>& pipelines,
    const fetch::FetchDefinition& definition) {
    auto found = std::find_if(pipelines.begin(), pipelines.end(),
                              [&](const auto& source) { return source.id == definition.source; });
    if (found == pipelines.end()) {
        throw core::ConfigError(definition.origin.string() + ": source " + definition.source +
                                " has no pipeline definition, so no storage folder");
    }
    return *found;
}

}  // namespace

std::vector<fetch::FetchDefinition> configured_fetch_definitions(const core::Settings& settings) {
    if (!settings.fetch.sources_file.empty())
        return fetch::load_fetch_definitions(settings.fetch.sources_file);
    return fetch::load_fetch_definitions(std::filesystem::path(settings.config_directory) /
                                         "sources.yml");
}

fetch::RetryPolicy retry_policy(const core::Settings& settings) {
    fetch::RetryPolicy policy;
    policy.attempts = settings.fetch.attempts;
    policy.first_pause = settings.fetch.first_pause;
    policy.stall_timeout = settings.fetch.stall_timeout;
    return policy;
}

void print_fetch_summary(const fetch::FetchResult& result) {
    fmt::print("{}: {} published, {} downloaded ({:.1f} MB)\n", result.source, result.published,
               result.downloaded.size(), static_cast<double>(result.bytes) / 1e6);
    for (const auto& name : result.downloaded) fmt::print("  downloaded {}\n", name);
    if (!result.succeeded()) fmt::print("  error: {}\n", result.error);
    std::fflush(stdout);
}

int run_fetch(const FetchCommandOptions& options, const std::string& help) {
    if (!options.all && options.sources.empty()) {
        std::cout << help;
        return 2;
    }
    auto settings = core::load_settings_and_logging();
    auto definitions = selected(configured_fetch_definitions(settings), options);
    auto pipelines = pipelines::load_source_definitions(
        std::filesystem::path(settings.config_directory) / "sources");
    auto storage = storage::make_storage(settings.storage);
    fetch::FetchOptions fetch_options;
    fetch_options.latest_only = options.latest_only;
    fetch_options.retry = retry_policy(settings);
    // SIGTERM stops a download midway and leaves nothing partial in storage.
    const core::TerminationRequest termination;
    fetch_options.retry.stop_requested = [&termination] { return termination.requested(); };
    bool terminal = ::isatty(STDOUT_FILENO) != 0;
    if (terminal) fetch_options.on_progress = DownloadProgressLine();
    // Every definition needs a pipeline for its folder: checked before anything is fetched.
    std::vector<std::string> folders;
    folders.reserve(definitions.size());
    for (const auto& definition : definitions) {
        folders.push_back(pipelines::storage_folder(pipeline_of(pipelines, definition),
                                                    settings.storage.datasets_folder));
    }
    bool all_succeeded = true;
    // One failing source does not stop the others; the exit status says whether all succeeded.
    for (std::size_t i = 0; i < definitions.size(); ++i) {
        const auto& definition = definitions[i];
        const auto& folder = folders[i];
        auto result = fetch::fetch_source(definition, folder, *storage, fetch_options);
        if (terminal) fmt::print("\r\033[K");
        print_fetch_summary(result);
        all_succeeded = all_succeeded && result.succeeded();
    }
    return all_succeeded ? 0 : 1;
}

Runner define_fetch_command(CLI::App& command) {
    auto options = std::make_shared<FetchCommandOptions>();
    command.add_flag("--all", options->all, "Every source with a fetch definition");
    command.add_option("--source", options->sources, "A source id (repeatable)");
    command.add_flag("--latest-only", options->latest_only,
                     "Only the newest published file, when a day newer than the newest stored "
                     "(the reference's rule)");
    return [options, &command] { return run_fetch(*options, command.help()); };
}

}  // namespace dss::cli
