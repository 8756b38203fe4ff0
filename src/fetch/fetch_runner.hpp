// Step 1 and 2 of a night for one source (jobs.md): list what the publisher offers, compare it
// with the storage folder, download what is missing, oldest first. A listing without a single
// matching link is an error, never "nothing new": a changed page looks just like that.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fetch/downloader.hpp"
#include "fetch/fetch_definition.hpp"
#include "storage/storage.hpp"

namespace dss::fetch {

struct FetchOptions {
    // The reference's rule: only the newest published file, and only when it is at least a
    // day newer than the newest stored one. Default: every file not stored yet.
    bool latest_only = false;
    RetryPolicy retry;
    // Called as each download goes: the stored name and the bytes so far (progress displays).
    std::function<void(const std::string& name, std::uint64_t bytes)> on_progress;
};

struct FetchResult {
    std::string source;
    std::size_t published = 0;            // files the listing offers
    std::vector<std::string> downloaded;  // stored names, in the order fetched
    std::uint64_t bytes = 0;
    std::string error;  // empty when the source succeeded

    bool succeeded() const { return error.empty(); }
};

// Never throws for the source's own failures: they are in the result, so that the other
// sources are still fetched.
FetchResult fetch_source(const FetchDefinition& definition, const std::string& folder,
                         storage::Storage& storage, const FetchOptions& options);

}  // namespace dss::fetch
