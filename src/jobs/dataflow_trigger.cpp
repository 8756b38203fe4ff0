#include "jobs/dataflow_trigger.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "auth/hawk_client.hpp"
#include "core/logging.hpp"
#include "http/url_encoding.hpp"

namespace dss::jobs {

std::string trigger_dataflow(const core::DataflowSettings& dataflow, const std::string& schema,
                             const std::string& table) {
    if (dataflow.base_url.empty()) {
        auto line = "data-flow trigger for " + schema + "." + table +
                    " skipped: DATAFLOW_BASE_URL is empty";
        core::logger("dataflow")->info("{}", line);
        return line;
    }
    auto base = dataflow.base_url;
    while (base.ends_with('/')) base.pop_back();
    auto url = base + "/api/experimental/dags/" +
               http::percent_encode(dataflow.data_uploader_dag_id) + "/dag_runs";
    nlohmann::json body = {
        {"conf", {{"data_uploader_schema_name", schema}, {"data_uploader_table_name", table}}}};
    auth::HawkCredentials credentials{dataflow.hawk_id, dataflow.hawk_key, "sha256"};
    auto answer = auth::send_signed_request(credentials, "POST", url,
                                            auth::HawkPayload{body.dump(), "application/json"},
                                            dataflow.timeout);
    if (answer.server_authorization_valid == false) {
        throw std::runtime_error("data-flow's answer to POST " + url +
                                 " carries a Server-Authorization that does not verify");
    }
    if (!answer.succeeded()) {
        throw std::runtime_error("data-flow refused the trigger: POST " + url + " answered " +
                                 std::to_string(answer.response.status) + " " +
                                 answer.response.reason);
    }
    core::logger("dataflow")
        ->info("triggered {} for {}.{}: {}", url, schema, table, answer.response.body);
    return "data-flow DAG " + dataflow.data_uploader_dag_id + " triggered for " + schema + "." +
           table;
}

std::optional<TriggerOutcome> trigger_if_changed(const core::DataflowSettings& dataflow,
                                                 const pipelines::SourceDefinition& source,
                                                 const pipelines::SourceResult& result) {
    if (!source.trigger_dataflow_dag || !result.changed_data()) return std::nullopt;
    try {
        return TriggerOutcome{true,
                              trigger_dataflow(dataflow, source.schema, source.final_table())};
    } catch (const std::exception& error) {
        return TriggerOutcome{false, error.what()};
    }
}

}  // namespace dss::jobs
