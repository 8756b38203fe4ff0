// Asks data-flow (Airflow) to copy a table into the analysts' datasets database, once a source
// has new rows there (jobs.md "Trigger data-flow"): a Hawk-signed POST that starts a run of
// its uploader DAG for that schema and table.
#pragma once

#include <optional>
#include <string>

#include "core/settings.hpp"
#include "pipelines/source_definition.hpp"
#include "pipelines/source_result.hpp"

namespace dss::jobs {

// Returns a line saying what was done: the DAG run started, or the trigger skipped because
// dataflow.base_url is empty (logged too). Throws std::runtime_error naming the URL and the
// status when data-flow does not accept it, or the reason when it cannot be reached.
std::string trigger_dataflow(const core::DataflowSettings& dataflow, const std::string& schema,
                             const std::string& table);

struct TriggerOutcome {
    bool succeeded = false;
    std::string line;  // what was done, or why it failed
};

// After a run of `source`: the trigger's outcome when the source asks for one and the run
// added rows (decision 5: any file of the run), nullopt otherwise. Never throws.
std::optional<TriggerOutcome> trigger_if_changed(const core::DataflowSettings& dataflow,
                                                 const pipelines::SourceDefinition& source,
                                                 const pipelines::SourceResult& result);

}  // namespace dss::jobs
