// Requests to publishers' sites, with the patience they need: a 5xx answer, a timeout or a
// connection cut midway is tried again after a growing pause; a 4xx is an answer, reported at
// once. Files stream into storage and appear there only when whole (jobs.md "Fetch").
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "storage/storage.hpp"

namespace dss::fetch {

struct RetryPolicy {
    int attempts = 4;
    std::chrono::milliseconds first_pause{2000};  // doubles after each failed try
    // No byte for this long (or no connection) abandons a try.
    std::chrono::seconds stall_timeout{60};
    // Given: true stops a transfer and any further try (SIGTERM); nothing partial is kept.
    std::function<bool()> stop_requested;
};

struct Page {
    std::string html;
    std::string url;  // where it came from after redirects: links resolve against it
};

// The page at `url` (listings are small: more than 32 MiB, or more than 5 minutes, is
// refused). Throws std::runtime_error naming the URL and the last status or error.
Page fetch_page(const std::string& url, const RetryPolicy& policy);

// Called as a download goes, with the bytes stored so far.
using DownloadProgress = std::function<void(std::uint64_t bytes)>;

// Streams the file at `url` into `storage` as `name`, published only once whole; a try that
// fails leaves nothing. Returns the bytes stored. Throws as fetch_page does.
std::uint64_t download_file(const std::string& url, storage::Storage& storage,
                            const std::string& name, const RetryPolicy& policy,
                            const DownloadProgress& on_progress = {});

}  // namespace dss::fetch
