// `dss scheduler` (the reference's spelling: `dss scheduler start`): the hourly stale-upload
// sweep and, with DSS_NIGHTLY_AT, the nightly job, until SIGTERM (jobs.md "Scheduler").
#include <unistd.h>

#include <array>

#include "cli/command_table.hpp"
#include "core/startup.hpp"
#include "jobs/scheduler.hpp"

namespace dss::cli {
namespace {

// The running binary, so that the nightly job runs the same version as the scheduler.
std::string own_binary() {
    std::array<char, 4096> path{};
    auto length = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
    return length > 0 ? std::string(path.data(), static_cast<std::size_t>(length)) : "dss";
}

int scheduler() {
    auto settings = core::load_settings_and_logging();
    return jobs::run_scheduler(settings, own_binary());
}

}  // namespace

Runner define_scheduler_command(CLI::App& command) {
    command.require_subcommand(0, 1);
    command.add_subcommand("start", "The reference's spelling: the same as dss scheduler");
    return [] { return scheduler(); };
}

}  // namespace dss::cli
