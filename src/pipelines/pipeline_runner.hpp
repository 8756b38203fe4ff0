// Runs a source pipeline over its files in storage: each file in one transaction (L0, L1,
// registry row), all or nothing (pipelines.md decisions 1-5).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "pipelines/source_definition.hpp"
#include "storage/storage.hpp"

namespace dss::pipelines {

struct FileResult {
    std::string file;  // relative to the source's folder, as the registry records it
    bool succeeded = false;
    std::int64_t rows_added = 0;  // L0 rows (new snapshot rows for snapshot kinds)
    std::string error;
};

struct SourceResult {
    std::string source;
    std::vector<FileResult> files;
    std::size_t skipped = 0;  // processed or ignored before

    bool succeeded() const;
    std::size_t processed() const;  // files loaded by this run
    std::int64_t rows_added() const;
    // True when some file added rows (what decides a data-flow trigger).
    bool changed_data() const;
};

// Where the load of one file (or zip member) has got to, for progress displays.
struct Progress {
    std::string file;
    std::uint64_t bytes_read = 0;
    std::uint64_t size = 0;  // of the file, or of the zip member uncompressed
    // Counted by line ends (\n, \r\n or \r) after the header: exact unless values hold line
    // breaks.
    std::uint64_t rows_read = 0;
    // Every byte is read; the statements that finish L0 and fill L1 are running.
    bool finishing = false;
};

struct RunOptions {
    // Rebuild: empty the source's tables once, then load every file in order.
    bool force = false;
    // Called after each chunk read from a file, and once more when its statements start.
    std::function<void(const Progress&)> on_progress;
};

class PipelineRunner {
   public:
    PipelineRunner(db::Connection& connection, const storage::Storage& storage,
                   std::string datasets_folder);

    SourceResult run(const SourceDefinition& source, const RunOptions& options);

   private:
    SourceResult load_new_files(const SourceDefinition& source, const RunOptions& options);
    SourceResult rebuild(const SourceDefinition& source, const RunOptions& options);
    std::vector<std::pair<std::string, std::string>> source_files(
        const SourceDefinition& source) const;
    void ensure_tables(const SourceDefinition& source);
    void lock_source(const SourceDefinition& source);
    std::uint64_t stream_copy(const SourceDefinition& source, storage::InputStream& input,
                              const std::string& table, const std::string& label,
                              const RunOptions& options);
    std::int64_t load_csv(const SourceDefinition& source, storage::InputStream& input,
                          const std::string& label, const std::vector<db::Parameter>& values,
                          const RunOptions& options);
    std::int64_t load_file(const SourceDefinition& source, const std::string& path,
                           const std::string& file, const RunOptions& options);

    db::Connection& connection_;
    const storage::Storage& storage_;
    std::string datasets_folder_;
};

}  // namespace dss::pipelines
