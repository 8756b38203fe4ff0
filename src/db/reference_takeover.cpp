#include "db/reference_takeover.hpp"

#include "db/identifier.hpp"
#include "db/sequences.hpp"

namespace dss::db {
namespace {

constexpr const char* kTablesWithIds = R"sql(
SELECT n.nspname, c.relname
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY 1, 2)sql";

}  // namespace

bool is_reference_database(Connection& connection) {
    return !connection.execute("SELECT to_regclass('public.alembic_version')").is_null(0, 0);
}

std::size_t sync_id_sequences(Connection& connection) {
    auto tables = connection.execute(kTablesWithIds);
    for (int row = 0; row < tables.rows(); ++row) {
        sync_sequence_to_max(connection, qualified_name(tables.text(row, 0), tables.text(row, 1)));
    }
    return static_cast<std::size_t>(tables.rows());
}

}  // namespace dss::db
