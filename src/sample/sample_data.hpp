// What `make run` loads on a new machine: a demo Hawk client, and the bundled sample files
// (sample_files.hpp) put in storage and loaded through the real pipelines, so that the API and
// the registry have something to show.
#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"
#include "pipelines/pipeline_runner.hpp"
#include "pipelines/source_definition.hpp"
#include "storage/storage.hpp"

namespace dss::sample {

struct SampleReport {
    std::string client_id;
    std::string client_key;
    std::vector<std::string> files_written;  // storage names of sample files added now
    std::vector<pipelines::SourceResult> sources;
};

// Idempotent: a source whose folder already holds files gets no sample file and is loaded only
// if one of them is the sample; files already processed are skipped; an existing demo client
// is reused.
SampleReport load_sample(db::Connection& connection, storage::Storage& storage,
                         const std::string& datasets_folder,
                         const std::vector<pipelines::SourceDefinition>& sources);

}  // namespace dss::sample
