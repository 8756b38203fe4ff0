// Which files a listing page publishes, by a source's fetch definition: the links that match
// its pattern, the date each carries and the name it is stored under.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/fetch_definition.hpp"

namespace dss::fetch {

struct PublishedFile {
    std::string url;  // absolute
    std::chrono::sys_days date;
    std::string stored_name;
};

// The files `links` (the hrefs of the page at `page_url`) lead to: one per stored name (the
// first link wins), oldest first. A link matches when the pattern is found in it as written or
// as resolved. Throws std::runtime_error naming a matching link whose date does not read.
std::vector<PublishedFile> published_files(const FetchDefinition& definition,
                                           const std::string& page_url,
                                           const std::vector<std::string>& links);

// The first of a release page's links that matches download_link_pattern, resolved.
std::optional<std::string> download_link(const FetchDefinition& definition,
                                         const std::string& page_url,
                                         const std::vector<std::string>& links);

// The date a stored file's name carries (file_name read backwards), for --latest-only.
std::optional<std::chrono::sys_days> stored_date(const FetchDefinition& definition,
                                                 std::string_view name);

}  // namespace dss::fetch
