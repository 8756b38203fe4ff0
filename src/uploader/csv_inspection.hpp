// The verify step (uploader.md, "Checking a CSV"): reads the start of an uploaded CSV, checks
// it with the reference's messages, and proposes a type for each column with the reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "storage/storage.hpp"
#include "uploader/column_type.hpp"
#include "uploader/csv_dialect.hpp"

namespace dss::uploader {

struct InspectionOptions {
    CsvDialect dialect;
    std::uint64_t infer_rows = 100000;  // app.csv_sample_infer_lines; at least one is read
    std::size_t sample_rows = 4;
    std::size_t encoding_probe_bytes = std::size_t{1} << 20;
};

struct InspectedColumn {
    std::string name;              // unique: a repeated header gets _1, _2...
    std::size_t source_index = 0;  // among the file's fields (empty-header ones are dropped)
    ColumnType type = ColumnType::text;
    std::string reason;               // why `type`, one sentence for the page
    std::vector<std::string> sample;  // the first rows' values, null markers blanked
};

struct Inspection {
    std::string encoding;  // "UTF-8" or "WINDOWS-1252"
    std::vector<InspectedColumn> columns;
    std::uint64_t rows_inspected = 0;  // data rows read
    bool whole_file = false;           // the file ended within them
};

// Reads `input` from the start. The checks run in the reference's order: no header (first),
// rows whose field count differs from the header's and bytes that are not text (while reading
// the inspected rows), header syntax, no data, then reserved names among the unique names.
// Throws CsvCheckError with the message for the staff.
Inspection inspect_csv(storage::InputStream& input, const InspectionOptions& options);

// {"encoding", "rows_inspected", "whole_file", "columns": [{"name", "type", "reason",
// "sample"}]}
nlohmann::json inspection_json(const Inspection& inspection);

}  // namespace dss::uploader
