#include "jobs/dataflow_trigger.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "auth/hawk_client.hpp"
#include "core/logging.hpp"
#include "http/url_encoding.hpp"

namespace dss::jobs {

namespace {

std::string dag_runs_url(const core::DataflowSettings& dataflow) {
    auto base = dataflow.base_url;
    while (base.ends_with('/')) base.pop_back();
    return base + "/api/experimental/dags/" + http::percent_encode(dataflow.data_uploader_dag_id) +
           "/dag_runs";
}

// Signed as the trigger is; an answer whose Server-Authorization does not verify, or that is
// not 2xx, is an error.
auth::SignedResponse signed_exchange(const core::DataflowSettings& dataflow,
                                     const std::string& method, const std::string& url,
                                     const std::optional<auth::HawkPayload>& payload) {
    auth::HawkCredentials credentials{dataflow.hawk_id, dataflow.hawk_key, "sha256"};
    auto answer = auth::send_signed_request(credentials, method, url, payload, dataflow.timeout);
    if (answer.server_authorization_valid == false) {
        throw std::runtime_error("data-flow's answer to " + method + " " + url +
                                 " carries a Server-Authorization that does not verify");
    }
    if (!answer.succeeded()) {
        throw std::runtime_error("data-flow refused the " +
                                 std::string(method == "POST" ? "trigger" : "progress request") +
                                 ": " + method + " " + url + " answered " +
                                 std::to_string(answer.response.status) + " " +
                                 answer.response.reason);
    }
    return answer;
}

// manual__2020-05-29T10:00:00+00:00 -> 2020-05-29T10:00:00 (jobs.md "Progress").
std::string execution_date_of(const std::string& run_id) {
    auto start = run_id.find("__");
    if (start == std::string::npos)
        throw std::runtime_error("data-flow run id '" + run_id + "' has no date");
    auto date = run_id.substr(start + 2);
    date = date.substr(0, date.find('+'));
    // Put in the URL as written (as the reference did), so it may hold nothing else.
    if (date.empty() || date.find_first_not_of("0123456789-T:.") != std::string::npos)
        throw std::runtime_error("data-flow run id '" + run_id + "' has no date");
    return date;
}

}  // namespace

DagRun trigger_dataflow(const core::DataflowSettings& dataflow, const std::string& schema,
                        const std::string& table) {
    if (dataflow.base_url.empty()) {
        auto line = "data-flow trigger for " + schema + "." + table +
                    " skipped: DATAFLOW_BASE_URL is empty";
        core::logger("dataflow")->info("{}", line);
        return {line, {}};
    }
    auto url = dag_runs_url(dataflow);
    nlohmann::json body = {
        {"conf", {{"data_uploader_schema_name", schema}, {"data_uploader_table_name", table}}}};
    auto answer =
        signed_exchange(dataflow, "POST", url, auth::HawkPayload{body.dump(), "application/json"});
    core::logger("dataflow")
        ->info("triggered {} for {}.{}: {}", url, schema, table, answer.response.body);
    auto reply = nlohmann::json::parse(answer.response.body, nullptr, false);
    std::string run_id;
    if (reply.is_object() && reply.contains("run_id") && reply["run_id"].is_string())
        run_id = reply["run_id"].get<std::string>();
    return {"data-flow DAG " + dataflow.data_uploader_dag_id + " triggered for " + schema + "." +
                table + (run_id.empty() ? "" : " (run " + run_id + ")"),
            run_id};
}

std::string wait_for_dag_run(const core::DataflowSettings& dataflow, const std::string& run_id,
                             const std::function<bool()>& stop_requested) {
    auto url = dag_runs_url(dataflow) + "/" + execution_date_of(run_id);
    auto deadline = std::chrono::steady_clock::now() + dataflow.wait_limit;
    std::string last_problem;
    while (true) {
        std::string state;
        // One failed question is no verdict on the run: it is asked again until the limit.
        try {
            auto answer = signed_exchange(dataflow, "GET", url, std::nullopt);
            auto reply = nlohmann::json::parse(answer.response.body, nullptr, false);
            if (reply.is_object() && reply.contains("state") && reply["state"].is_string())
                state = reply["state"].get<std::string>();
        } catch (const std::exception& error) {
            last_problem = error.what();
            core::logger("dataflow")->warn("asking for run {}: {}", run_id, last_problem);
        }
        if (state == "success") return "data-flow run " + run_id + " succeeded";
        if (state == "failed") throw std::runtime_error("data-flow run " + run_id + " failed");
        if (std::chrono::steady_clock::now() + dataflow.poll_interval > deadline) {
            throw std::runtime_error("data-flow run " + run_id + " still " +
                                     (state.empty() ? "unknown" : state) + " after " +
                                     std::to_string(dataflow.wait_limit.count()) + " s" +
                                     (last_problem.empty() ? "" : " (" + last_problem + ")"));
        }
        // Short naps, so that a server shutting down is not held for a whole interval.
        auto next_poll = std::chrono::steady_clock::now() + dataflow.poll_interval;
        while (std::chrono::steady_clock::now() < next_poll) {
            if (stop_requested && stop_requested()) {
                throw std::runtime_error("stopped while waiting for data-flow run " + run_id);
            }
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                std::chrono::milliseconds(100), next_poll - std::chrono::steady_clock::now()));
        }
    }
}

std::optional<TriggerOutcome> trigger_if_changed(const core::DataflowSettings& dataflow,
                                                 const pipelines::SourceDefinition& source,
                                                 const pipelines::SourceResult& result, bool wait) {
    if (!source.trigger_dataflow_dag || !result.changed_data()) return std::nullopt;
    try {
        auto run = trigger_dataflow(dataflow, source.schema, source.final_table());
        if (wait && !dataflow.base_url.empty()) {
            if (run.run_id.empty())
                throw std::runtime_error(run.line + ", but data-flow gave no run_id to wait for");
            run.line += "; " + wait_for_dag_run(dataflow, run.run_id);
        }
        return TriggerOutcome{true, run.line};
    } catch (const std::exception& error) {
        return TriggerOutcome{false, error.what()};
    }
}

}  // namespace dss::jobs
