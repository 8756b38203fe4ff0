#include "fetch/fetch_runner.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <stdexcept>

#include "core/logging.hpp"
#include "fetch/html_links.hpp"
#include "fetch/published_files.hpp"
#include "storage/storage_path.hpp"

namespace dss::fetch {
namespace {

std::set<std::string> stored_names(const storage::Storage& storage, const std::string& folder) {
    std::set<std::string> names;
    for (const auto& entry : storage.list(folder)) names.insert(storage::base_name(entry.name));
    return names;
}

// The files to fetch: every one not stored, or the reference's single newest one.
std::vector<PublishedFile> files_to_fetch(const FetchDefinition& definition,
                                          const std::vector<PublishedFile>& published,
                                          const std::set<std::string>& stored, bool latest_only) {
    std::vector<PublishedFile> chosen;
    if (!latest_only) {
        std::copy_if(published.begin(), published.end(), std::back_inserter(chosen),
                     [&](const auto& file) { return !stored.contains(file.stored_name); });
        return chosen;
    }
    const auto& newest = published.back();
    std::optional<std::chrono::sys_days> newest_stored;
    for (const auto& name : stored) {
        auto date = stored_date(definition, name);
        if (date && (!newest_stored || *date > *newest_stored)) newest_stored = date;
    }
    bool newer = !newest_stored || newest.date >= *newest_stored + std::chrono::days(1);
    if (newer && !stored.contains(newest.stored_name)) chosen.push_back(newest);
    return chosen;
}

// Follows a release page to its file, for publishers that link pages rather than files.
std::string file_url(const FetchDefinition& definition, const PublishedFile& file,
                     const RetryPolicy& retry) {
    if (definition.download_link_pattern.empty()) return file.url;
    auto page = fetch_page(file.url, retry);
    auto link = download_link(definition, page.url, html_links(page.html));
    if (!link) {
        throw std::runtime_error("no link on " + file.url + " matches " +
                                 definition.download_link_pattern);
    }
    return *link;
}

DownloadProgress progress_of(const FetchOptions& options, const std::string& name) {
    if (!options.on_progress) return {};
    return [&options, name](std::uint64_t bytes) { options.on_progress(name, bytes); };
}

}  // namespace

FetchResult fetch_source(const FetchDefinition& definition, const std::string& folder,
                         storage::Storage& storage, const FetchOptions& options) {
    FetchResult result{definition.source, 0, {}, 0, {}};
    auto log = core::logger("fetch");
    try {
        auto page = fetch_page(definition.listing_url, options.retry);
        auto published = published_files(definition, page.url, html_links(page.html));
        result.published = published.size();
        if (published.empty()) {
            throw std::runtime_error("no link on " + definition.listing_url + " matches " +
                                     definition.link_pattern);
        }
        auto chosen = files_to_fetch(definition, published, stored_names(storage, folder),
                                     options.latest_only);
        log->info("{}: {} files published, {} to fetch into {}", definition.source,
                  published.size(), chosen.size(), folder);
        // Oldest first, and the first failure stops the source: ingest loads files in the
        // order they arrive, so a newer file must not overtake an older one.
        for (const auto& file : chosen) {
            if (options.retry.stop_requested && options.retry.stop_requested())
                throw std::runtime_error("stopped before " + file.stored_name + " (asked to stop)");
            auto url = file_url(definition, file, options.retry);
            auto started = std::chrono::steady_clock::now();
            auto bytes = download_file(url, storage, folder + "/" + file.stored_name, options.retry,
                                       progress_of(options, file.stored_name));
            std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
            log->info("{}: {} ({:.1f} MB in {:.1f} s) from {}", definition.source, file.stored_name,
                      static_cast<double>(bytes) / 1e6, took.count(), url);
            result.downloaded.push_back(file.stored_name);
            result.bytes += bytes;
        }
    } catch (const std::exception& error) {
        result.error = error.what();
        DSS_LOG_ERROR("fetch", "{}: {}", definition.source, result.error);
    }
    return result;
}

}  // namespace dss::fetch
