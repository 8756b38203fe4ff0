#include "db/schema_lock.hpp"

namespace dss::db {

void lock_schema_for_writing(Connection& connection, const std::string& schema) {
    connection.execute("SELECT pg_advisory_xact_lock(hashtextextended('dss.schema/' || $1, 0))",
                       schema);
}

}  // namespace dss::db
