// Where a source publishes its files, as configuration (config/sources.yml, or the file
// DSS_SOURCES_FILE names): the listing page, the pattern of the links to take, how the date in a
// link reads and how the stored file is named (jobs.md "Fetch"). URLs and patterns change when
// publishers rebuild their sites; they are data, not code.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dss::fetch {

struct FetchDefinition {
    std::string source;       // the pipeline source id whose folder the files go in
    std::string listing_url;  // the page that links to the files (or to pages that do)
    // RE2 (Python-style named groups allowed) with a group `date`; searched in each link as
    // written and as resolved against the page.
    std::string link_pattern;
    std::string date_format;  // strptime format of the `date` group, e.g. %y%m
    // The stored name, with {date} written in `file_date_format` (default: date_format).
    std::string file_name;
    std::string file_date_format;
    bool file_date_upper_case = false;  // AUG rather than Aug
    // Given: each matching link is a page, and the file is its first link matching this (ONS
    // publishes a page per release).
    std::string download_link_pattern;
    std::filesystem::path origin;  // the YAML file, for messages
};

// Reads `file`; throws core::ConfigError naming the file, source and key for anything missing,
// unknown or invalid (a pattern RE2 refuses, one without a `date` group, a bad date format).
std::vector<FetchDefinition> load_fetch_definitions(const std::filesystem::path& file);

}  // namespace dss::fetch
