// What the database catalogue says about a table the API may serve. Schema and table names
// from requests are only ever compared with the catalogue here, never spliced into SQL.
#pragma once

#include <libpq-fe.h>

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

// SQLAlchemy's spelling of a PostgreSQL type, which data-flow maps back to SQL types.
std::string sqlalchemy_type_name(std::string_view postgres_type);

}  // namespace dss::api
