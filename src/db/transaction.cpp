// BEGIN on construction; ROLLBACK on destruction unless COMMIT ran.
#include "db/transaction.hpp"

#include "core/logging.hpp"

namespace dss::db {

Transaction::Transaction(Connection& connection) : connection_(connection) {
    connection_.execute("BEGIN");
}

Transaction::~Transaction() {
    if (finished_) return;
    try {
        // A broken connection has no transaction left to roll back.
        if (connection_.is_open()) connection_.execute("ROLLBACK");
    } catch (const std::exception& error) {
        core::logger("db")->warn("rollback failed: {}", error.what());
    }
}

void Transaction::commit() {
    finished_ = true;
    connection_.execute("COMMIT");
}

void Transaction::rollback() {
    finished_ = true;
    connection_.execute("ROLLBACK");
}

}  // namespace dss::db
