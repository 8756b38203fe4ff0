// What the database catalogue says about a table the API may serve. Schema and table names
// from requests are only ever compared with the catalogue here, never spliced into SQL.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/expiring_cache.hpp"
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

// A remembered description that no longer matches the table: a column's type changed under
// the same name. Callers forget() the entry and ask again.
class StaleTableDescription : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

// describe_table() with answers remembered for a few seconds: the API asks for the same tables
// on every page. A pipeline that rebuilds a table changes it under the cache, so callers that
// hit an undefined table or column, or a StaleTableDescription, forget() the entry and ask
// again.
class TableCatalogue {
   public:
    explicit TableCatalogue(std::chrono::milliseconds cache_for = std::chrono::seconds(5));

    std::optional<TableDescription> describe(db::Connection& connection, std::string_view schema,
                                             std::string_view table);
    void forget(std::string_view schema, std::string_view table);

   private:
    struct NameHash {
        std::size_t operator()(const std::pair<std::string, std::string>& name) const {
            return std::hash<std::string>()(name.first) * 31 +
                   std::hash<std::string>()(name.second);
        }
    };
    static constexpr std::size_t kMostEntries = 10'000;
    // Unknown names are remembered too (as nullopt): bounded, so random names push out only
    // the least used entries.
    core::ExpiringCache<std::pair<std::string, std::string>, std::optional<TableDescription>,
                        NameHash>
        entries_;
};

// The pipelines' bookkeeping of which file a row came from: datafile_created, datafile_updated
// and data_hash. No endpoint serves them.
bool is_file_column(std::string_view name);

// SQLAlchemy's spelling of a PostgreSQL type, which data-flow maps back to SQL types.
std::string sqlalchemy_type_name(std::string_view postgres_type);

}  // namespace dss::api
