// Keyset-paginated pages of a table in the API's two JSON shapes (api.md, "Paginated list
// endpoints"). A page is read with one query and written straight into the response body.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/table_catalogue.hpp"
#include "db/connection.hpp"
#include "http/request_context.hpp"

namespace dss::api {

enum class Orientation { tabular, records };

struct PageRequest {
    Orientation orientation = Orientation::tabular;
    std::optional<std::int64_t> next_id;
};

// orientation and next-id from the query; throws HttpError 400 with the contract's messages.
PageRequest parse_page_request(const http::RequestContext& context);
Orientation parse_orientation(const http::RequestContext& context);

struct ServedColumn {
    std::string source;  // column name in the table
    std::string label;   // name in the JSON (camelCase or as stored)
    Oid type = 0;
};

enum class ColumnSelection {
    data_columns,         // no id, no helper columns
    id_and_data_columns,  // id first, then the data columns
    all_but_file_columns  // id first, then every column except data_hash and datafile_*
};
enum class ColumnNaming { camel_case, as_stored };

std::vector<ServedColumn> served_columns(const TableDescription& table, ColumnSelection selection,
                                         ColumnNaming naming);

// "<scheme>://<host><path>" of this request: Host header, or X-Forwarded-Proto/-Host when the
// proxy is trusted.
std::string request_base_url(const http::RequestContext& context, bool trust_proxy);

// Reads one page (keyset on "id") and returns the JSON body with `next` built on `base_url`.
std::string read_page_json(db::Connection& connection, const TableDescription& table,
                           const std::vector<ServedColumn>& columns, std::int64_t page_size,
                           const PageRequest& request, const std::string& base_url);

// The query read_single_row_json runs: the served columns of the first row `where_sql` matches.
std::string single_row_sql(const TableDescription& table, const std::vector<ServedColumn>& columns,
                           const std::string& where_sql);

// The body for at most one row matched by `where_sql` (with $1 = `value`); no `next` key.
std::string read_single_row_json(db::Connection& connection, const TableDescription& table,
                                 const std::vector<ServedColumn>& columns, Orientation orientation,
                                 const std::string& where_sql, const std::string& value);

}  // namespace dss::api
