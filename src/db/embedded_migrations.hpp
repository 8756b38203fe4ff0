// The SQL files of db/migrations, compiled into the binary (see cmake/generate_migrations.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace dss::db {

struct MigrationSource {
    std::string_view file_name;  // "0001_core.sql"
    std::string_view sql;
};

const std::vector<MigrationSource>& embedded_migrations();

}  // namespace dss::db
