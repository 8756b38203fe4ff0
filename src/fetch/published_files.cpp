#include "fetch/published_files.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "fetch/file_dates.hpp"
#include "http_client/http_client.hpp"

namespace dss::fetch {
namespace {

std::string stored_name_for(const FetchDefinition& definition, std::chrono::sys_days date) {
    auto name = definition.file_name;
    auto at = name.find("{date}");
    name.replace(at, 6,
                 format_date(date, definition.file_date_format, definition.file_date_upper_case));
    return name;
}

// `link` resolved against the page, when it leads to the web: mailto:, javascript:, file:
// and the rest lead to no file dss should fetch.
std::optional<std::string> web_url(const std::string& page_url, const std::string& link) {
    try {
        auto resolved = http_client::resolve_url(page_url, link);
        if (resolved.starts_with("http://") || resolved.starts_with("https://")) return resolved;
    } catch (const std::invalid_argument&) {
    }
    return std::nullopt;
}

// The link as written, then resolved: the first that the pattern finds, with its date group.
std::optional<std::pair<std::string, std::string>> match_link(const RE2& pattern,
                                                              const std::string& page_url,
                                                              const std::string& link) {
    auto resolved = web_url(page_url, link);
    if (!resolved) return std::nullopt;
    const int date_group = pattern.NamedCapturingGroups().at("date");
    std::vector<re2::StringPiece> groups(
        static_cast<std::size_t>(pattern.NumberOfCapturingGroups()) + 1);
    for (const auto& candidate : {link, *resolved}) {
        if (pattern.Match(candidate, 0, candidate.size(), RE2::UNANCHORED, groups.data(),
                          static_cast<int>(groups.size()))) {
            return std::make_pair(*resolved,
                                  std::string(groups[static_cast<std::size_t>(date_group)]));
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<PublishedFile> published_files(const FetchDefinition& definition,
                                           const std::string& page_url,
                                           const std::vector<std::string>& links) {
    const RE2 pattern(definition.link_pattern);
    std::vector<PublishedFile> files;
    std::set<std::string> names;
    for (const auto& link : links) {
        auto matched = match_link(pattern, page_url, link);
        if (!matched) continue;
        auto date = parse_date(matched->second, definition.date_format);
        if (!date) {
            throw std::runtime_error("the date '" + matched->second + "' in " + link +
                                     " does not read as " + definition.date_format);
        }
        auto name = stored_name_for(definition, *date);
        if (!names.insert(name).second) continue;
        files.push_back({matched->first, *date, std::move(name)});
    }
    std::stable_sort(files.begin(), files.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    return files;
}

std::optional<std::string> download_link(const FetchDefinition& definition,
                                         const std::string& page_url,
                                         const std::vector<std::string>& links) {
    const RE2 pattern(definition.download_link_pattern);
    for (const auto& link : links) {
        auto resolved = web_url(page_url, link);
        if (resolved && (RE2::PartialMatch(link, pattern) || RE2::PartialMatch(*resolved, pattern)))
            return resolved;
    }
    return std::nullopt;
}

std::optional<std::chrono::sys_days> stored_date(const FetchDefinition& definition,
                                                 std::string_view name) {
    auto at = definition.file_name.find("{date}");
    const RE2 pattern(RE2::QuoteMeta(definition.file_name.substr(0, at)) + "(.+)" +
                      RE2::QuoteMeta(definition.file_name.substr(at + 6)));
    std::string date;
    if (!RE2::FullMatch(name, pattern, &date)) return std::nullopt;
    return parse_date(date, definition.file_date_format);
}

}  // namespace dss::fetch
