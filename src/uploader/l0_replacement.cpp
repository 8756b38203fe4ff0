// The primary key is added after the COPY: one sorted index build is much cheaper than
// keeping the index up to date row by row.
#include "uploader/l0_replacement.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "db/errors.hpp"
#include "db/identifier.hpp"
#include "db/schema_lock.hpp"

namespace dss::uploader {
namespace {

std::string literal(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

// What others built on the table $1 (a qualified name): views, and foreign keys, comments...
// as PostgreSQL describes them. A view depends on a table through its rewrite rule.
constexpr const char* kDependentsSql = R"sql(
    SELECT coalesce(string_agg(DISTINCT CASE
               WHEN d.classid = 'pg_rewrite'::regclass
               THEN (SELECT 'view ' || r.ev_class::regclass::text FROM pg_rewrite r
                     WHERE r.oid = d.objid)
               ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END, ', '), '')
    FROM pg_depend d
    WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass($1)
      AND d.deptype = 'n')sql";

std::runtime_error depended_on(const std::string& what) {
    return std::runtime_error(
        "the dataset's current table cannot be replaced while " + what +
        " depends on it; drop or change that first (nothing was replaced), then restore this "
        "version");
}

}  // namespace

L0Replacement::L0Replacement(db::Connection& connection, L0Target target)
    : connection_(connection),
      target_(std::move(target)),
      loading_table_("L0_loading_" + core::hex_encode(core::random_bytes(4))),
      loading_sequence_(loading_table_ + "_SEQUENCE"),
      transaction_(connection) {
    const auto& schema = target_.schema;
    db::lock_schema_for_writing(connection_, schema);
    connection_.execute("CREATE SCHEMA IF NOT EXISTS " + db::quote_identifier(schema));
    auto sequence = db::qualified_name(schema, loading_sequence_);
    connection_.execute("CREATE SEQUENCE " + sequence);
    std::string columns;
    std::string column_list;
    for (const auto& [name, type] : target_.columns) {
        columns += ", " + db::quote_identifier(name) + " " + std::string(sql_type(type));
        column_list += (column_list.empty() ? "" : ", ") + db::quote_identifier(name);
    }
    // The default names the rows' file for COPY without a per-row expression; it is dropped
    // before the swap, as the reference's table has none.
    connection_.execute("CREATE TABLE " + db::qualified_name(schema, loading_table_) +
                        " (id int NOT NULL DEFAULT nextval(" + literal(sequence) +
                        "::regclass), datafile_created text DEFAULT " +
                        literal(target_.datafile_name) + columns + ")");
    copy_.emplace(connection_, "COPY " + db::qualified_name(schema, loading_table_) + " (" +
                                   column_list + ") FROM STDIN WITH (FORMAT csv, HEADER true)");
}

std::uint64_t L0Replacement::commit(
    const std::function<void(db::Connection&)>& in_same_transaction) {
    auto rows = copy_->finish();
    copy_.reset();
    const auto& schema = target_.schema;
    auto table = db::qualified_name(schema, loading_table_);
    connection_.execute("ALTER TABLE " + table + " ALTER COLUMN datafile_created DROP DEFAULT");
    connection_.execute("ALTER TABLE " + table + " ADD CONSTRAINT " +
                        db::quote_identifier(loading_table_ + "_pkey") + " PRIMARY KEY (id)");
    // From here on readers of L0 wait for the commit, which follows at once; a reader that
    // holds L0 for long makes this load fail instead of waiting without end.
    connection_.execute("SET LOCAL lock_timeout = '60s'");
    // Never CASCADE: a view an analyst built on L0 would vanish with it. Name what depends on
    // it instead, and leave the current version as it is.
    auto current = db::qualified_name(schema, "L0");
    auto dependents = connection_.execute(kDependentsSql, current).get<std::string>(0, 0);
    if (!dependents.empty()) throw depended_on(dependents);
    try {
        connection_.execute("DROP TABLE IF EXISTS " + current);
        connection_.execute("DROP SEQUENCE IF EXISTS " + db::qualified_name(schema, "L0_SEQUENCE"));
    } catch (const db::DatabaseError& error) {
        if (error.sqlstate() != db::sqlstate::kDependentObjectsStillExist) throw;
        throw depended_on("another database object");
    }
    connection_.execute("ALTER TABLE " + table + " RENAME TO \"L0\"");
    connection_.execute("ALTER INDEX " + db::qualified_name(schema, loading_table_ + "_pkey") +
                        " RENAME TO \"L0_pkey\"");
    connection_.execute("ALTER SEQUENCE " + db::qualified_name(schema, loading_sequence_) +
                        " RENAME TO \"L0_SEQUENCE\"");
    if (in_same_transaction) in_same_transaction(connection_);
    transaction_.commit();
    return rows;
}

}  // namespace dss::uploader
