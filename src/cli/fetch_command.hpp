// `dss fetch`, also run by `dss dev datafiles_to_s3_by_source`.
#pragma once

#include <string>
#include <vector>

namespace dss::cli {

struct FetchCommandOptions {
    bool all = false;
    bool latest_only = false;
    std::vector<std::string> sources;  // ids
};

// Downloads what the chosen sources publish and storage lacks, and prints a summary per
// source; returns the exit status. Without a source, prints `help` and returns 2.
int run_fetch(const FetchCommandOptions& options, const std::string& help);

}  // namespace dss::cli
