// The scheduler's hourly sweep (jobs.md "Scheduler"): staff uploads stuck in processing for a
// day are marked failed, so that their pages stop saying "processing" for ever.
#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"

namespace dss::jobs {

// The message a swept upload gets, as the reference wrote it.
extern const char* const kStaleUploadMessage;

// Marks failed every upload in state verified, processing_dss or processing_dataflow that
// started processing more than 24 hours ago, or never started (jobs.md: processing starts as
// soon as an upload is verified, so one still waiting was lost). Returns the ids marked.
std::vector<std::string> fail_stale_uploads(db::Connection& connection);

}  // namespace dss::jobs
