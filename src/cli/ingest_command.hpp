// `dss ingest`, also run by `dss dev datafiles_to_db_by_source` and `dss nightly`.
#pragma once

#include <string>
#include <vector>

namespace dss::cli {

struct IngestOptions {
    bool all = false;
    bool force = false;
    bool allow_empty = false;
    std::vector<std::string> sources;  // ids or groups
};

// Loads the chosen sources' new files and prints a summary per source; returns the exit
// status. Without a source, prints `help` and returns 2.
int run_ingest(const IngestOptions& options, const std::string& help);

}  // namespace dss::cli
