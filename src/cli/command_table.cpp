// Registration of every subcommand, and the exit-status rules they share.
#include "cli/command_table.hpp"

#include <fmt/core.h>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "storage/storage.hpp"

namespace dss::cli {

const std::vector<Command>& command_table() {
    static const std::vector<Command> commands = {
        {"db", "Create, migrate or drop the database", &define_db_command},
        {"dev",
         "The reference's spellings: datafiles_to_db_by_source (ingest), "
         "datafiles_to_s3_by_source (fetch)",
         &define_dev_command},
        {"fetch", "Download the files sources publish that storage does not hold yet",
         &define_fetch_command},
        {"hawk", "Add Hawk API clients, send signed requests", &define_hawk_command},
        {"ingest", "Load new files from storage into PostgreSQL through their pipelines",
         &define_ingest_command},
        {"nightly", "Fetch, load and trigger data-flow for each source: a night's work",
         &define_nightly_command},
        {"s3", "List, upload, move and delete files in the configured storage", &define_s3_command},
        {"sample", "Load the demo Hawk client and a small generated sample",
         &define_sample_command},
        {"upload", "Check a CSV as the uploader's verify step does (inspect)",
         &define_upload_command},
        {"scheduler",
         "Run the hourly stale-upload sweep and, with DSS_NIGHTLY_AT, the nightly job, until "
         "SIGTERM",
         &define_scheduler_command},
        {"serve", "Serve the data API, the health check and the staff uploader's pages",
         &define_serve_command},
    };
    return commands;
}

int run_reporting_errors(const Runner& runner) {
    try {
        return runner();
    } catch (const core::ConfigError& error) {
        fmt::print(stderr, "dss: configuration error: {}\n", error.what());
        return 2;
    } catch (const core::UsageError& error) {
        fmt::print(stderr, "dss: {}\n", error.what());
        return 2;
    } catch (const storage::NotFound& error) {
        fmt::print(stderr, "dss: {}\n", error.what());
        return 1;
    } catch (const db::ConnectionError& error) {
        fmt::print(stderr, "dss: database unavailable: {}\n", error.what());
        return 1;
    } catch (const std::exception& error) {
        fmt::print(stderr, "dss: error: {}\n", error.what());
        return 1;
    }
}

}  // namespace dss::cli
