// What the database catalogue says about a table the API may serve. Schema and table names
// from requests are only ever compared with the catalogue here, never spliced into SQL.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace dss::api {

struct ColumnDescription {
    std::string name;
    Oid type = 0;
    std::string type_name;  // format_type(): "integer", "character varying(10)", "text[]" ...
};

struct TableDescription {
    std::string schema;
    std::string table;
    std::vector<ColumnDescription> columns;  // in definition order

    bool has_column(std::string_view name) const;
};

// Schemas never served: system schemas and dss's own bookkeeping.
bool is_excluded_schema(std::string_view schema);

// nullopt when there is no such table (or view) or its schema is excluded.
std::optional<TableDescription> describe_table(db::Connection& connection, std::string_view schema,
                                               std::string_view table);

// describe_table() with answers remembered for a few seconds: the API asks for the same tables
// on every page. A pipeline that rebuilds a table changes it under the cache, so callers that
// hit an undefined table or column forget() the entry and ask again.
class TableCatalogue {
   public:
    explicit TableCatalogue(std::chrono::milliseconds cache_for = std::chrono::seconds(5));

    std::optional<TableDescription> describe(db::Connection& connection, std::string_view schema,
                                             std::string_view table);
    void forget(std::string_view schema, std::string_view table);

   private:
    struct Entry {
        std::optional<TableDescription> description;
        std::chrono::steady_clock::time_point expires;
    };
    std::chrono::milliseconds cache_for_;
    std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, Entry> entries_;
};

// SQLAlchemy's spelling of a PostgreSQL type, which data-flow maps back to SQL types.
std::string sqlalchemy_type_name(std::string_view postgres_type);

}  // namespace dss::api
