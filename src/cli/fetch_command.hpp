// `dss fetch`, also run by `dss dev datafiles_to_s3_by_source`.
#pragma once

#include <string>
#include <vector>

#include "core/settings.hpp"
#include "fetch/fetch_definition.hpp"
#include "fetch/fetch_runner.hpp"

namespace dss::cli {

struct FetchCommandOptions {
    bool all = false;
    bool latest_only = false;
    std::vector<std::string> sources;  // ids
};

// The fetch definitions of the configuration (DSS_SOURCES_FILE, or sources.yml beside it).
std::vector<fetch::FetchDefinition> configured_fetch_definitions(const core::Settings& settings);
fetch::RetryPolicy retry_policy(const core::Settings& settings);
void print_fetch_summary(const fetch::FetchResult& result);

// Downloads what the chosen sources publish and storage lacks, and prints a summary per
// source; returns the exit status. Without a source, prints `help` and returns 2.
int run_fetch(const FetchCommandOptions& options, const std::string& help);

}  // namespace dss::cli
