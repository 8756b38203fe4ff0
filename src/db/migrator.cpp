// Applying migrations under an advisory lock, so that two `dss db upgrade` runs cannot race.
#include "db/migrator.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/logging.hpp"
#include "db/errors.hpp"
#include "db/identifier.hpp"
#include "db/reference_takeover.hpp"
#include "db/transaction.hpp"

namespace dss::db {
namespace {

// Any constant works; it only has to be the same for every dss process.
constexpr const char* kLockKey = "4212019";

constexpr const char* kCreateHistory = R"sql(
CREATE TABLE IF NOT EXISTS public.dss_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone NOT NULL DEFAULT now()
))sql";

constexpr const char* kSelectHistory =
    "SELECT version, name, checksum FROM public.dss_migrations ORDER BY version";

constexpr const char* kRecordMigration =
    "INSERT INTO public.dss_migrations (version, name, checksum) VALUES ($1, $2, $3)";

constexpr const char* kUserSchemas = R"sql(
SELECT nspname FROM pg_namespace
WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND nspname NOT LIKE 'pg\_temp\_%' AND nspname NOT LIKE 'pg\_toast\_temp\_%'
ORDER BY nspname)sql";

int line_of(std::string_view sql, int position) {
    auto end =
        std::min<std::size_t>(sql.size(), static_cast<std::size_t>(std::max(position, 1) - 1));
    return 1 +
           static_cast<int>(std::count(sql.begin(), sql.begin() + static_cast<long>(end), '\n'));
}

// Holds PostgreSQL's session-level advisory lock for the lifetime of the object.
class MigrationLock {
   public:
    explicit MigrationLock(Connection& connection) : connection_(connection) {
        connection_.execute("SELECT pg_advisory_lock($1::bigint)", kLockKey);
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;
    ~MigrationLock() {
        try {
            if (connection_.is_open())
                connection_.execute("SELECT pg_advisory_unlock($1::bigint)", kLockKey);
        } catch (...) {  // NOLINT(bugprone-empty-catch): the lock dies with the session anyway
        }
    }

   private:
    Connection& connection_;
};

std::vector<std::string> superseded_checksums(std::string_view sql) {
    constexpr std::string_view kMarker = "-- supersedes checksum: ";
    std::vector<std::string> checksums;
    for (auto at = sql.find(kMarker); at != std::string_view::npos; at = sql.find(kMarker, at)) {
        at += kMarker.size();
        auto end = sql.find_first_of("\r\n", at);
        checksums.emplace_back(sql.substr(at, end == std::string_view::npos ? end : end - at));
    }
    return checksums;
}

constexpr const char* kUpdateChecksum =
    "UPDATE public.dss_migrations SET checksum = $2 WHERE version = $1";

}  // namespace

std::vector<Migration> parse_migrations(const std::vector<MigrationSource>& sources) {
    std::vector<Migration> migrations;
    for (const auto& source : sources) {
        auto digits = source.file_name.find_first_not_of("0123456789");
        if (digits == 0 || digits == std::string_view::npos || source.file_name[digits] != '_' ||
            !source.file_name.ends_with(".sql")) {
            throw std::invalid_argument("migration file " + std::string(source.file_name) +
                                        " must be named NNNN_description.sql");
        }
        migrations.push_back({std::stoi(std::string(source.file_name.substr(0, digits))),
                              std::string(source.file_name), std::string(source.sql),
                              core::hex_encode(core::sha256(source.sql)),
                              superseded_checksums(source.sql)});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < migrations.size(); ++i) {
        if (migrations[i].version == migrations[i - 1].version) {
            throw std::invalid_argument("migrations " + migrations[i - 1].name + " and " +
                                        migrations[i].name + " share version " +
                                        std::to_string(migrations[i].version));
        }
    }
    return migrations;
}

Migrator::Migrator(Connection& connection, std::vector<Migration> migrations)
    : connection_(connection), migrations_(std::move(migrations)) {}

void Migrator::ensure_history_table() { connection_.execute(kCreateHistory); }

void Migrator::verify_history() {
    auto history = connection_.execute(kSelectHistory);
    for (int row = 0; row < history.rows(); ++row) {
        auto version = history.get<int>(row, 0);
        auto name = history.get<std::string>(row, 1);
        auto checksum = history.get<std::string>(row, 2);
        auto known = std::find_if(migrations_.begin(), migrations_.end(),
                                  [&](const auto& m) { return m.version == version; });
        if (known == migrations_.end()) {
            throw std::runtime_error("the database has migration " + name +
                                     " applied, which this dss does not know (is it older than "
                                     "the database?)");
        }
        const auto& superseded = known->superseded_checksums;
        if (std::find(superseded.begin(), superseded.end(), checksum) != superseded.end()) {
            connection_.execute(kUpdateChecksum, version, known->checksum);
            core::logger("db")->info(
                "migration {} reworded without a change of effect; its "
                "checksum is updated",
                known->name);
            continue;
        }
        if (known->checksum != checksum) {
            throw std::runtime_error("migration " + known->name +
                                     " was edited after it was applied (checksum " + checksum +
                                     " in the database, " + known->checksum +
                                     " now); add a new migration instead");
        }
    }
}

std::vector<std::string> Migrator::upgrade() {
    MigrationLock lock(connection_);
    ensure_history_table();
    verify_history();
    std::vector<std::string> applied;
    for (const auto& status : status()) {
        if (status.applied) continue;
        const auto& migration = *status.migration;
        Transaction transaction(connection_);
        try {
            connection_.execute_script(migration.sql);
        } catch (const DatabaseError& error) {
            std::string where =
                error.position()
                    ? " line " + std::to_string(line_of(migration.sql, *error.position()))
                    : "";
            throw DatabaseError(error.sqlstate(),
                                "migration " + migration.name + where + " failed: " + error.what());
        }
        connection_.execute(kRecordMigration, migration.version, migration.name,
                            migration.checksum);
        transaction.commit();
        core::logger("db")->info("applied migration {}", migration.name);
        applied.push_back(migration.name);
    }
    if (is_reference_database(connection_)) {
        // Forward only and cheap: safe on every upgrade of a database taken over.
        auto synced = sync_id_sequences(connection_);
        core::logger("db")->info(
            "database made by the reference's migrations: {} id sequences moved past their rows",
            synced);
    }
    return applied;
}

std::vector<MigrationStatus> Migrator::status() {
    ensure_history_table();
    std::map<int, bool> applied;
    auto history = connection_.execute(kSelectHistory);
    for (int row = 0; row < history.rows(); ++row) applied[history.get<int>(row, 0)] = true;
    std::vector<MigrationStatus> statuses;
    statuses.reserve(migrations_.size());
    for (const auto& migration : migrations_) {
        statuses.push_back({&migration, applied.contains(migration.version)});
    }
    return statuses;
}

std::vector<std::string> Migrator::drop_all() {
    MigrationLock lock(connection_);
    Transaction transaction(connection_);
    auto schemas = connection_.execute(kUserSchemas);
    std::vector<std::string> dropped;
    for (int row = 0; row < schemas.rows(); ++row) {
        auto schema = schemas.get<std::string>(row, 0);
        connection_.execute("DROP SCHEMA " + quote_identifier(schema) + " CASCADE");
        dropped.push_back(schema);
    }
    connection_.execute("CREATE SCHEMA IF NOT EXISTS public");
    transaction.commit();
    return dropped;
}

}  // namespace dss::db
