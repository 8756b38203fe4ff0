// `dss ingest [--all | --source ID ...] [--force]` (pipelines.md decision 15).
#include "cli/ingest_command.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/command_table.hpp"
#include "cli/progress_line.hpp"
#include "cli/source_summary.hpp"
#include "core/errors.hpp"
#include "core/startup.hpp"
#include "db/connection.hpp"
#include "jobs/dataflow_trigger.hpp"
#include "jobs/source_ingester.hpp"
#include "pipelines/pipeline_runner.hpp"
#include "storage/make_storage.hpp"

namespace dss::cli {

int run_ingest(const IngestOptions& options, const std::string& help) {
    if (!options.all && options.sources.empty()) {
        std::cout << help;
        return 2;
    }
    if (options.allow_empty && !options.force)
        throw core::UsageError("--allow-empty only makes sense with --force");
    auto settings = core::load_settings_and_logging();
    auto sources =
        pipelines::select_sources(pipelines::load_source_definitions(
                                      std::filesystem::path(settings.config_directory) / "sources"),
                                  options.all, options.sources);
    auto storage = storage::make_storage(settings.storage);
    jobs::SourceIngester ingester(settings, *storage, "dss ingest");

    pipelines::RunOptions run_options;
    run_options.force = options.force;
    run_options.allow_empty = options.allow_empty;
    run_options.zip_member_limit = settings.ingest.zip_member_limit;
    bool terminal = ::isatty(STDOUT_FILENO) != 0;
    if (terminal) run_options.on_progress = ProgressLine();
    bool all_succeeded = true;
    // One failing source does not stop the others (jobs.md); a connection lost on the way is
    // opened again for the next one.
    for (const auto& source : sources) {
        auto result = ingester.ingest(source, run_options);
        if (terminal) fmt::print("\r\033[K");
        print_source_summary(result);
        all_succeeded = all_succeeded && result.succeeded();
        // The data stays loaded whatever the trigger does; its failure fails the run.
        if (auto trigger = jobs::trigger_if_changed(settings.dataflow, source, result)) {
            fmt::print("  {}{}\n", trigger->succeeded ? "" : "error: ", trigger->line);
            all_succeeded = all_succeeded && trigger->succeeded;
            std::fflush(stdout);
        }
    }
    return all_succeeded ? 0 : 1;
}

Runner define_ingest_command(CLI::App& command) {
    auto options = std::make_shared<IngestOptions>();
    command.add_flag("--all", options->all,
                     "Every source, in the order their definitions give (the reference's)");
    command.add_option("--source", options->sources, "A source id or group (repeatable)");
    command.add_flag("--force", options->force,
                     "Rebuild: empty the tables, then load every file again");
    command.add_flag("--allow-empty", options->allow_empty,
                     "With --force: an empty listing empties the source (refused otherwise)");
    return [options, &command] { return run_ingest(*options, command.help()); };
}

}  // namespace dss::cli
