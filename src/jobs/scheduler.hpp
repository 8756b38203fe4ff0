// `dss scheduler`: a long-running process for deployments without Jenkins (jobs.md
// "Scheduler"). Every sweep interval it fails stale uploads; when a nightly time is set, it
// starts `dss nightly --all` once a day at that time (UTC), as a child process, never twice at
// once. SIGTERM (or SIGINT) stops it: the sweep's statement is cancelled and a running nightly
// is asked to stop, then waited for.
#pragma once

#include <chrono>
#include <string>

#include "core/settings.hpp"

namespace dss::jobs {

// The first moment after `now` that is `time_of_day` (UTC).
std::chrono::system_clock::time_point next_daily(std::chrono::system_clock::time_point now,
                                                 std::chrono::seconds time_of_day);

// Runs until SIGTERM or SIGINT, with settings.scheduler; `dss_binary` runs `nightly --all`.
// Returns the exit status.
int run_scheduler(const core::Settings& settings, const std::string& dss_binary);

}  // namespace dss::jobs
