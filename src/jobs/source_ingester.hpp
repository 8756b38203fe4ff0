// Runs the pipelines of one source after another over one database connection, opened again
// when a source lost it: what `dss ingest` and `dss nightly` share.
#pragma once

#include <memory>

#include "core/settings.hpp"
#include "db/connection.hpp"
#include "pipelines/pipeline_runner.hpp"
#include "storage/storage.hpp"

namespace dss::jobs {

class SourceIngester {
   public:
    SourceIngester(const core::Settings& settings, const storage::Storage& storage,
                   const char* application_name);

    // Never throws: a failure (the connection's included) is in the result.
    pipelines::SourceResult ingest(const pipelines::SourceDefinition& source,
                                   const pipelines::RunOptions& options);

   private:
    const core::Settings& settings_;
    const storage::Storage& storage_;
    db::ConnectOptions connect_options_;
    std::unique_ptr<db::Connection> connection_;
};

}  // namespace dss::jobs
