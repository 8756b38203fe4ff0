// Asks data-flow (Airflow) to copy a table into the analysts' datasets database, once a source
// has new rows there (jobs.md "Trigger data-flow"): a Hawk-signed POST that starts a run of
// its uploader DAG for that schema and table.
#pragma once

#include <string>

#include "core/settings.hpp"

namespace dss::jobs {

// Returns a line saying what was done: the DAG run started, or the trigger skipped because
// dataflow.base_url is empty (logged too). Throws std::runtime_error naming the URL and the
// status when data-flow does not accept it, or the reason when it cannot be reached.
std::string trigger_dataflow(const core::DataflowSettings& dataflow, const std::string& schema,
                             const std::string& table);

}  // namespace dss::jobs
