// `dss nightly [--all | --source ID ...] [--latest-only] [--wait]`: the seed's sequence diagram for
// each source, in the pipeline order: fetch what is new (sources with a fetch definition), load
// what is not loaded yet, and trigger data-flow when the source asks for it and rows were added
// (jobs.md). One run from Jenkins, cron or `dss scheduler` keeps every source fresh.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "cli/command_table.hpp"
#include "cli/download_progress_line.hpp"
#include "cli/fetch_command.hpp"
#include "cli/progress_line.hpp"
#include "cli/source_summary.hpp"
#include "core/startup.hpp"
#include "core/termination_request.hpp"
#include "jobs/dataflow_trigger.hpp"
#include "jobs/source_ingester.hpp"
#include "pipelines/source_definition.hpp"
#include "storage/make_storage.hpp"

namespace dss::cli {
namespace {

struct NightlyOptions {
    bool all = false;
    bool latest_only = false;
    bool wait = false;
    std::vector<std::string> sources;  // ids or groups
};

// One source's night, for the summary at the end.
struct SourceNight {
    std::string source;
    std::optional<fetch::FetchResult> fetched;  // nullopt: no fetch definition
    pipelines::SourceResult loaded;
    std::optional<jobs::TriggerOutcome> trigger;
};

void print_night_summary(const std::vector<SourceNight>& nights) {
    fmt::print("\nSummary\n");
    for (const auto& night : nights) {
        std::string line = "  " + night.source + ": ";
        if (night.fetched) {
            line += night.fetched->succeeded()
                        ? fmt::format("{} downloaded, ", night.fetched->downloaded.size())
                        : "fetch failed (" + night.fetched->error + "), ";
        }
        line += fmt::format("{} processed, {} failed, {} rows added", night.loaded.processed(),
                            night.loaded.failed(), night.loaded.rows_added());
        for (const auto& file : night.loaded.files) {
            if (!file.succeeded) line += "; " + file.file + ": " + file.error;
        }
        if (!night.loaded.error.empty()) line += "; " + night.loaded.error;
        if (night.trigger) {
            line += night.trigger->succeeded ? "; " + night.trigger->line
                                             : "; data-flow failed: " + night.trigger->line;
        }
        fmt::print("{}\n", line);
    }
    std::fflush(stdout);
}

const fetch::FetchDefinition* definition_for(const std::vector<fetch::FetchDefinition>& known,
                                             const std::string& source) {
    auto found = std::find_if(known.begin(), known.end(),
                              [&](const auto& definition) { return definition.source == source; });
    return found == known.end() ? nullptr : &*found;
}

int nightly(const NightlyOptions& options, const std::string& help) {
    if (!options.all && options.sources.empty()) {
        std::cout << help;
        return 2;
    }
    auto settings = core::load_settings_and_logging();
    auto sources =
        pipelines::select_sources(pipelines::load_source_definitions(
                                      std::filesystem::path(settings.config_directory) / "sources"),
                                  options.all, options.sources);
    auto definitions = configured_fetch_definitions(settings);
    auto storage = storage::make_storage(settings.storage);
    jobs::SourceIngester ingester(settings, *storage, "dss nightly");
    fetch::FetchOptions fetch_options;
    fetch_options.latest_only = options.latest_only;
    fetch_options.retry = retry_policy(settings);
    pipelines::RunOptions run_options;
    run_options.zip_member_limit = settings.ingest.zip_member_limit;
    bool terminal = ::isatty(STDOUT_FILENO) != 0;
    if (terminal) {
        run_options.on_progress = ProgressLine();
        fetch_options.on_progress = DownloadProgressLine();
    }

    // SIGTERM (the scheduler, Jenkins aborting) stops the night between pieces of work: a
    // download leaves nothing partial, a load rolls back, and the summary says what ran.
    const core::TerminationRequest termination;
    auto stop_requested = [&termination] { return termination.requested(); };
    fetch_options.retry.stop_requested = stop_requested;
    run_options.stop_requested = stop_requested;

    bool all_succeeded = true;
    std::vector<SourceNight> nights;
    // One failing step or source does not stop the others: what is stored is still loaded when
    // the listing failed, and the exit status says whether everything succeeded.
    for (const auto& source : sources) {
        if (termination.requested()) {
            fmt::print("stopped (asked to): {} and the sources after it were not run\n", source.id);
            all_succeeded = false;
            break;
        }
        SourceNight night{source.id, std::nullopt, {}, std::nullopt};
        if (const auto* definition = definition_for(definitions, source.id)) {
            night.fetched = fetch::fetch_source(
                *definition, pipelines::storage_folder(source, settings.storage.datasets_folder),
                *storage, fetch_options);
            if (terminal) fmt::print("\r\033[K");
            print_fetch_summary(*night.fetched);
            all_succeeded = all_succeeded && night.fetched->succeeded();
        }
        night.loaded = ingester.ingest(source, run_options);
        if (terminal) fmt::print("\r\033[K");
        print_source_summary(night.loaded);
        all_succeeded = all_succeeded && night.loaded.succeeded();
        night.trigger =
            jobs::trigger_if_changed(settings.dataflow, source, night.loaded, options.wait);
        if (night.trigger) {
            fmt::print("  {}{}\n", night.trigger->succeeded ? "" : "error: ", night.trigger->line);
            all_succeeded = all_succeeded && night.trigger->succeeded;
            std::fflush(stdout);
        }
        nights.push_back(std::move(night));
    }
    print_night_summary(nights);
    return all_succeeded ? 0 : 1;
}

}  // namespace

Runner define_nightly_command(CLI::App& command) {
    auto options = std::make_shared<NightlyOptions>();
    command.add_flag("--all", options->all, "Every source, in the pipeline order");
    command.add_option("--source", options->sources, "A source id or group (repeatable)");
    command.add_flag("--latest-only", options->latest_only,
                     "Fetch only the newest published file (the reference's rule)");
    command.add_flag("--wait", options->wait,
                     "After a trigger, wait for data-flow's run to succeed or fail (30 min at "
                     "most) and report it");
    return [options, &command] { return nightly(*options, command.help()); };
}

}  // namespace dss::cli
