// One writer at a time per schema. `dss ingest` of a source and an upload's load of a pipeline
// take the same lock for the same schema, so that neither writes over the other's work.
#pragma once

#include <string>

#include "db/connection.hpp"

namespace dss::db {

// Waits for the schema's transaction-scoped advisory lock: held until the transaction ends.
void lock_schema_for_writing(Connection& connection, const std::string& schema);

}  // namespace dss::db
