#include "db/sequences.hpp"

#include "db/identifier.hpp"

namespace dss::db {
namespace {

// pg_get_serial_sequence covers identity and owned serial columns; a default that calls
// nextval() on a sequence nobody owns shows only as a dependency of the default.
constexpr const char* kColumnSequence = R"(
SELECT coalesce(pg_get_serial_sequence($1, $2), (
    SELECT seq.oid::regclass::text
    FROM pg_attribute att
    JOIN pg_attrdef def ON def.adrelid = att.attrelid AND def.adnum = att.attnum
    JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = def.oid
                      AND dep.refclassid = 'pg_class'::regclass
    JOIN pg_class seq ON seq.oid = dep.refobjid AND seq.relkind = 'S'
    WHERE att.attrelid = $1::regclass AND att.attname = $2
    LIMIT 1)))";

}  // namespace

std::optional<std::string> column_sequence(Connection& connection, const std::string& table,
                                           const std::string& column) {
    auto found = connection.execute(kColumnSequence, table, column);
    if (found.is_null(0, 0)) return std::nullopt;
    return std::string(found.text(0, 0));
}

void sync_sequence_to_max(Connection& connection, const std::string& table,
                          const std::string& column) {
    auto sequence = column_sequence(connection, table, column);
    if (!sequence) return;
    auto id = quote_identifier(column);
    // Forward only: a sequence already past the rows (ids of rolled-back loads) stays there.
    connection.execute("SELECT setval($1::regclass, top) FROM (SELECT greatest(coalesce(max(" + id +
                           ")::bigint, 0), coalesce(pg_sequence_last_value($1::regclass), "
                           "0)) AS top FROM " +
                           table + ") highest WHERE top > 0",
                       *sequence);
}

}  // namespace dss::db
