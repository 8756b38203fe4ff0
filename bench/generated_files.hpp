// Input files for the ingest benchmark, generated rather than copied: ONSPD-shaped and
// reference-postcode-shaped CSVs with values that vary per row, and the zip the ONS publishes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

namespace dss::bench {

// The 50 ONSPD columns, header included, about 500 bytes a row, sorted by postcode. Codes are
// quoted as the ONS quotes them; some rows have an empty termination date.
void write_onspd_csv(const std::filesystem::path& path, long rows);

// The 13 columns of dit.reference_postcodes, header included.
void write_reference_postcodes_csv(const std::filesystem::path& path, long rows);

// Deflates `file` into a new zip at `zip` as the single member `member` (streamed by libzip).
void zip_single_file(const std::filesystem::path& file, const std::filesystem::path& zip,
                     const std::string& member);

// A zip at `zip` of `count` members, member i named name_of(i) holding content_of(i), deflated
// at level 6. Members are made one at a time while the zip is written, so that a zip of
// gigabytes needs no more memory than its largest member.
void zip_generated_members(const std::filesystem::path& zip, std::size_t count,
                           const std::function<std::string(std::size_t)>& name_of,
                           const std::function<std::string(std::size_t)>& content_of);

}  // namespace dss::bench
