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
// started processing more than 24 hours ago, or never started and was uploaded more than 24
// hours ago (the reference also failed one verified a minute before, if its processing had not
// started yet). Returns the ids marked.
std::vector<std::string> fail_stale_uploads(db::Connection& connection);

}  // namespace dss::jobs
