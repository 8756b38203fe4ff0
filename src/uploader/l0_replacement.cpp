// The primary key is added after the COPY: one sorted index build is much cheaper than
// keeping the index up to date row by row.
#include "uploader/l0_replacement.hpp"

#include "core/crypto.hpp"
#include "db/identifier.hpp"

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

}  // namespace

L0Replacement::L0Replacement(db::Connection& connection, L0Target target)
    : connection_(connection),
      target_(std::move(target)),
      loading_table_("L0_loading_" + core::hex_encode(core::random_bytes(4))),
      loading_sequence_(loading_table_ + "_SEQUENCE"),
      transaction_(connection) {
    const auto& schema = target_.schema;
    connection_.execute("SELECT pg_advisory_xact_lock(hashtext('dss upload load ' || $1))", schema);
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
    connection_.execute("DROP TABLE IF EXISTS " + db::qualified_name(schema, "L0") + " CASCADE");
    connection_.execute("DROP SEQUENCE IF EXISTS " + db::qualified_name(schema, "L0_SEQUENCE") +
                        " CASCADE");
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
