// Loads an upload as the new content of "<organisation>.<dataset>"."L0" (pipelines.md 1.6,
// with uploader.md's improvement): the new table is built beside the old one and swapped in
// within the same transaction, so readers see the old rows until the commit, and a failure at
// any point leaves the previous version in place.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/copy.hpp"
#include "db/transaction.hpp"
#include "uploader/column_type.hpp"

namespace dss::uploader {

struct L0Target {
    std::string schema;  // "<organisation>.<dataset>"
    std::vector<std::pair<std::string, ColumnType>> columns;
    std::string datafile_name;  // datafile_created of every row
};

class L0Replacement {
   public:
    // Begins the transaction, waits for the pipeline's lock (two loads of one pipeline run one
    // after the other), creates the schema when new, the new sequence and table, and starts
    // the COPY of CSV with a header line.
    L0Replacement(db::Connection& connection, L0Target target);
    L0Replacement(const L0Replacement&) = delete;
    L0Replacement& operator=(const L0Replacement&) = delete;
    // Without commit(): the COPY is aborted and everything rolled back.
    ~L0Replacement() = default;

    void write(std::string_view csv) { copy_->write(csv); }
    // Ends the COPY, adds the primary key, replaces L0 and L0_SEQUENCE, and commits. Returns
    // the rows loaded. Throws db::DatabaseError (a value that does not fit its type names its
    // line and column).
    // `in_same_transaction` runs just before the commit, on the same connection.
    std::uint64_t commit(const std::function<void(db::Connection&)>& in_same_transaction = {});

   private:
    db::Connection& connection_;
    L0Target target_;
    std::string loading_table_;
    std::string loading_sequence_;
    db::Transaction transaction_;
    std::optional<db::CopyIn> copy_;
};

}  // namespace dss::uploader
