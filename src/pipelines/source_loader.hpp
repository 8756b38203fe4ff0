// Writes a source's rows inside the caller's transaction: its tables, each CSV part into L0
// (COPY straight in, or through a deduplicating load table for snapshot kinds) and then L1,
// and the emptying of both for a rebuild. The SQL comes from pipeline_sql.
#pragma once

#include <cstdint>
#include <vector>

#include "db/connection.hpp"
#include "pipelines/load_progress.hpp"
#include "pipelines/source_definition.hpp"
#include "pipelines/source_file_reader.hpp"

namespace dss::pipelines {

class SourceLoader {
   public:
    SourceLoader(db::Connection& connection, const SourceDefinition& source);

    // Creates the schema and tables when missing, and brings older L0 tables up to date.
    void ensure_tables();
    // Until the transaction ends, other loads of this source wait: L0 ids then grow file by
    // file, and a file another run has just loaded is seen as done.
    void lock();
    // Loads one part; returns the L0 rows it added (new rows only, for snapshot kinds).
    // `stop_requested`, when given, is asked between pieces: true throws (the caller's
    // transaction then rolls the load back).
    std::int64_t load(CsvPart& part, const ProgressCallback& on_progress,
                      const std::function<bool()>& stop_requested = {});
    // L1 rows for the file's L0 rows with ids above `after`, given ids in L0's id order, so
    // that the same files always give the same L1 ids (whatever order the heap holds L0 in).
    void fill_l1(const std::vector<db::Parameter>& values, std::int64_t after);
    // Empties L1 and L0 and restarts their ids. DELETE, not TRUNCATE: readers keep seeing the
    // old rows until the rebuild commits, and views over the tables stay valid.
    void empty_tables();
    // After a rebuild has committed: VACUUM makes the old rows' space reusable, so that
    // rebuild after rebuild the tables stay about the size of their data.
    void reclaim_space();

   private:
    std::uint64_t copy(CsvPart& part, const std::string& table, const ProgressCallback& on_progress,
                       const std::function<bool()>& stop_requested);

    db::Connection& connection_;
    const SourceDefinition& source_;
};

}  // namespace dss::pipelines
