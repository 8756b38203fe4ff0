// Ordered SQL migrations, each applied in its own transaction and recorded with a checksum.
#pragma once

#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/embedded_migrations.hpp"

namespace dss::db {

struct Migration {
    int version = 0;   // from the file name's leading digits
    std::string name;  // the file name, "0001_core.sql"
    std::string sql;
    std::string checksum;  // hex SHA-256 of the SQL text
    // Checksums of earlier wordings with the same effect on every database they ran on, from
    // lines "-- supersedes checksum: <hex>" (0001 gained IF NOT EXISTS to adopt reference
    // databases). A database that recorded one of them is accepted and brought up to date.
    std::vector<std::string> superseded_checksums;
};

// Parses and orders the sources; throws std::invalid_argument for a badly named file or two
// files with the same version.
std::vector<Migration> parse_migrations(const std::vector<MigrationSource>& sources);

struct MigrationStatus {
    const Migration* migration;
    bool applied;
};

class Migrator {
   public:
    Migrator(Connection& connection, std::vector<Migration> migrations);

    // Applies every pending migration in order; returns the names applied (none when up to
    // date). Refuses to run when an applied migration was edited or is unknown to this binary.
    std::vector<std::string> upgrade();
    std::vector<MigrationStatus> status();

    // Drops every schema but the system ones, and empties public: a database as after
    // CREATE DATABASE. Returns the schemas dropped.
    std::vector<std::string> drop_all();

   private:
    void ensure_history_table();
    void verify_history();

    Connection& connection_;
    std::vector<Migration> migrations_;
};

}  // namespace dss::db
