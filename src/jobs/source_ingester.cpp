#include "jobs/source_ingester.hpp"

namespace dss::jobs {

SourceIngester::SourceIngester(const core::Settings& settings, const storage::Storage& storage,
                               const char* application_name)
    : settings_(settings),
      storage_(storage),
      connect_options_{settings.database.connect_timeout, application_name} {}

pipelines::SourceResult SourceIngester::ingest(const pipelines::SourceDefinition& source,
                                               const pipelines::RunOptions& options) {
    pipelines::SourceResult result{source.id, {}, {}, 0, {}};
    try {
        // A connection lost by the source before is opened again; a reconnect that fails
        // leaves nothing, and the next source tries again.
        if (!connection_ || !connection_->is_open()) {
            connection_.reset();
            connection_ =
                std::make_unique<db::Connection>(settings_.database.url, connect_options_);
        }
        pipelines::PipelineRunner runner(*connection_, storage_, settings_.storage.datasets_folder);
        result = runner.run(source, options);
    } catch (const std::exception& error) {
        result.error = error.what();
    }
    return result;
}

}  // namespace dss::jobs
