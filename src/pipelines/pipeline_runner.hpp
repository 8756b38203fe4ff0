// The run policy of a source: which files load, in which transactions, and what the registry
// says afterwards. Each new file loads in one transaction with its registry row, all or
// nothing (pipelines.md decisions 1-5); a rebuild loads every file in one transaction.
//
// The registry rule: a file becomes `processed` only in the transaction that stored its rows;
// it becomes `failed` only when loading a file not stored before failed. A rebuild that fails
// changed nothing, so it changes no registry row either.
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"
#include "pipelines/load_progress.hpp"
#include "pipelines/source_definition.hpp"
#include "pipelines/source_listing.hpp"
#include "pipelines/source_loader.hpp"
#include "pipelines/source_result.hpp"
#include "storage/storage.hpp"

namespace dss::pipelines {

struct RunOptions {
    // Rebuild: empty the source's tables, then load every file again, in one transaction.
    bool force = false;
    // A rebuild from an empty listing is refused (a wrong bucket, root or folder looks just
    // like that) unless this is set: then it empties the source on purpose.
    bool allow_empty = false;
    // A zip member that expands past this is refused (a zip bomb).
    std::uint64_t zip_member_limit = std::uint64_t{16} << 30;
    ProgressCallback on_progress;
    // Given: true stops a load between two pieces of a file; its transaction rolls back.
    std::function<bool()> stop_requested;
};

class PipelineRunner {
   public:
    PipelineRunner(db::Connection& connection, const storage::Storage& storage,
                   std::string datasets_folder);

    // Never throws for the source's own failures: they are in the result, so that a caller
    // running several sources reports each one and goes on.
    SourceResult run(const SourceDefinition& source, const RunOptions& options);

   private:
    void load_new_files(const SourceDefinition& source, const SourceListing& listing,
                        SourceLoader& loader, const RunOptions& options, SourceResult& result);
    void rebuild(const SourceDefinition& source, const SourceListing& listing, SourceLoader& loader,
                 const RunOptions& options, SourceResult& result);

    db::Connection& connection_;
    const storage::Storage& storage_;
    std::string datasets_folder_;
};

}  // namespace dss::pipelines
