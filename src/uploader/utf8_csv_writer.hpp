// Processing step 1 (uploader.md, "Processing"): an uploaded CSV rewritten as the UTF-8 CSV
// that COPY loads, streamed piece by piece however large the file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/storage.hpp"
#include "uploader/csv_dialect.hpp"

namespace dss::uploader {

struct RewriteResult {
    std::uint64_t rows = 0;  // data rows written
    std::uint64_t bytes_read = 0;
};

// Reads `input` from its current position (the start) in `encoding` and `dialect`, and hands
// `write` pieces of about 64 KiB of: a header line of `column_names` (the inspection's unique
// names, one per column with a non-empty header), then each data row's kept values,
// comma-separated, each non-empty value in double quotes (doubled inside), null markers and
// empty values as nothing so that COPY ... CSV reads NULL, lines ending LF.
// Every row is checked as inspection checks the rows it reads, so a bad row far past those
// still fails the file: CsvCheckError naming the row. `progress` hears rows and bytes read
// about every 64 KiB; when `stop_requested` answers true, std::runtime_error("stopped").
RewriteResult rewrite_as_utf8_csv(
    storage::InputStream& input, const std::string& encoding, const CsvDialect& dialect,
    const std::vector<std::string>& column_names,
    const std::function<void(std::string_view)>& write,
    const std::function<void(std::uint64_t rows, std::uint64_t bytes)>& progress,
    const std::function<bool()>& stop_requested);

}  // namespace dss::uploader
