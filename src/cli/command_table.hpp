// The table of subcommands: each defines its options on a CLI11 subcommand and returns the
// function that runs it.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace dss::cli {

// Runs a parsed command; returns the process exit status.
using Runner = std::function<int()>;

struct Command {
    const char* name;
    const char* summary;
    Runner (*define)(CLI::App& command);
};

const std::vector<Command>& command_table();

// Runs `runner`, turning exceptions into one clear message on stderr and an exit status:
// 2 for bad configuration or usage, 1 for any other failure.
int run_reporting_errors(const Runner& runner);

Runner define_db_command(CLI::App& command);
Runner define_hawk_command(CLI::App& command);
Runner define_ingest_command(CLI::App& command);
Runner define_dev_command(CLI::App& command);
Runner define_fetch_command(CLI::App& command);
Runner define_nightly_command(CLI::App& command);
Runner define_scheduler_command(CLI::App& command);
Runner define_s3_command(CLI::App& command);
Runner define_sample_command(CLI::App& command);
Runner define_serve_command(CLI::App& command);
Runner define_upload_command(CLI::App& command);

}  // namespace dss::cli
