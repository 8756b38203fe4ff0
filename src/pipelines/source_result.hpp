// What a run of one source did, file by file: what `dss ingest` prints and what decides its
// exit status and a data-flow trigger.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/skipped_documents.hpp"

namespace dss::pipelines {

struct FileResult {
    std::string file;  // relative to the source's folder, as the registry records it
    bool succeeded = false;
    std::int64_t rows_added = 0;  // L0 rows (new snapshot rows for snapshot kinds)
    std::string error;
    // Documents left out of a file that loaded (Companies House: malformed ones).
    formats::SkippedDocuments skipped_documents;
};

struct SourceResult {
    std::string source;
    std::string where;  // the folder and storage root the files were listed from
    std::vector<FileResult> files;
    std::size_t skipped = 0;  // processed or ignored before
    // A failure outside any one file: the tables, a rebuild, the connection.
    std::string error;

    bool succeeded() const;
    std::size_t processed() const;  // files loaded by this run
    std::size_t failed() const;
    std::int64_t rows_added() const;
    // True when some file added rows (what decides a data-flow trigger).
    bool changed_data() const;
};

}  // namespace dss::pipelines
