// Input files for the ingest benchmark, generated rather than copied: ONSPD-shaped and
// reference-postcode-shaped CSVs with values that vary per row, and the zip the ONS publishes.
#pragma once

#include <filesystem>
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

}  // namespace dss::bench
