// Asks data-flow (Airflow) to copy a table into the analysts' datasets database, once a source
// has new rows there (jobs.md "Trigger data-flow"): a Hawk-signed POST that starts a run of
// its uploader DAG for that schema and table.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/settings.hpp"
#include "pipelines/source_definition.hpp"
#include "pipelines/source_result.hpp"

namespace dss::jobs {

struct DagRun {
    std::string line;    // what was done: the run started, or the trigger skipped
    std::string run_id;  // data-flow's id of the run, e.g. manual__2020-05-29T10:00:00+00:00
};

// Starts the DAG run, or skips it when dataflow.base_url is empty (logged too). Throws
// std::runtime_error naming the URL and the status when data-flow does not accept it, or the
// reason when it cannot be reached.
DagRun trigger_dataflow(const core::DataflowSettings& dataflow, const std::string& schema,
                        const std::string& table);

// Polls the run every dataflow.poll_interval until its state is success or failed, or until
// dataflow.wait_limit; returns a line with the outcome. Throws std::runtime_error when the run
// failed, the limit passed, data-flow answers with an error, or `stop_requested` said so.
std::string wait_for_dag_run(const core::DataflowSettings& dataflow, const std::string& run_id,
                             const std::function<bool()>& stop_requested = {});

struct TriggerOutcome {
    bool succeeded = false;
    std::string line;  // what was done, or why it failed
};

// After a run of `source`: the trigger's outcome when the source asks for one and the run
// added rows (decision 5: any file of the run), nullopt otherwise; with `wait`, once data-flow's
// run has ended. Never throws.
std::optional<TriggerOutcome> trigger_if_changed(const core::DataflowSettings& dataflow,
                                                 const pipelines::SourceDefinition& source,
                                                 const pipelines::SourceResult& result,
                                                 bool wait = false);

}  // namespace dss::jobs
