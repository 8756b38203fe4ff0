// Page queries and the JSON writer. Identifiers come from the catalogue and are quoted; values
// are parameters.
#include "api/pagination.hpp"

#include <charconv>
#include <limits>

#include "api/camel_case.hpp"
#include "api/json_values.hpp"
#include "db/identifier.hpp"
#include "http/request_origin.hpp"
#include "http/responses.hpp"

namespace dss::api {
namespace {

bool is_helper_column(std::string_view name) {
    return name == "data_source_row_id" || is_file_column(name);
}

std::string select_expression(const ServedColumn& column) {
    auto quoted = db::quote_identifier(column.source);
    return needs_to_json(column.type) ? "to_json(" + quoted + ")::text" : quoted;
}

// SELECT "id", <served columns> FROM "schema"."table": what every read of the API starts with.
std::string select_served(const TableDescription& table, const std::vector<ServedColumn>& columns) {
    std::string sql = "SELECT \"id\"";
    for (const auto& column : columns) sql.append(", ").append(select_expression(column));
    return sql.append(" FROM ").append(db::qualified_name(table.schema, table.table));
}

// ... [WHERE "id" >= $2] ORDER BY "id" LIMIT $1
std::string page_sql(const TableDescription& table, const std::vector<ServedColumn>& columns,
                     bool from_id) {
    auto sql = select_served(table, columns);
    if (from_id) sql.append(" WHERE \"id\" >= $2");
    sql.append(" ORDER BY \"id\" LIMIT $1");
    return sql;
}

void append_headers(std::string& out, const std::vector<ServedColumn>& columns) {
    out += "\"headers\":[";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, columns[i].label);
    }
    out += ']';
}

// Writes rows whose column 0 is the key and 1.. the served columns, in either orientation.
class RowWriter {
   public:
    RowWriter(const std::vector<ServedColumn>& columns, Orientation orientation)
        : orientation_(orientation),
          flat_(orientation == Orientation::tabular && columns.size() == 1) {
        for (const auto& column : columns) {
            formats_.push_back(json_format_for(column.type));
            std::string label;
            append_json_string(label, column.label);
            labels_.push_back(label + ":");
        }
    }

    const char* opening() const {
        return orientation_ == Orientation::tabular ? "\"values\":[" : "\"results\":[";
    }

    // The remembered column types are checked against the first result: a table recreated with
    // the same names and other types would otherwise be written with the old formats (text
    // unquoted as a number, an array copied as JSON). Columns read through to_json() are valid
    // JSON whatever their type.
    void check_types(const db::Result& result) const {
        for (std::size_t c = 0; c < formats_.size(); ++c) {
            if (formats_[c] == JsonFormat::json) continue;
            if (json_format_for(result.column_type(static_cast<int>(c) + 1)) != formats_[c])
                throw StaleTableDescription("the type of a column changed");
        }
    }

    void append(std::string& out, const db::Result& result, int row) const {
        if (!flat_) out += orientation_ == Orientation::tabular ? '[' : '{';
        for (std::size_t c = 0; c < formats_.size(); ++c) {
            auto field = static_cast<int>(c) + 1;
            if (c > 0) out += ',';
            if (orientation_ == Orientation::records) out.append(labels_[c]);
            append_json_value(out, formats_[c], result.text(row, field),
                              result.is_null(row, field));
        }
        if (!flat_) out += orientation_ == Orientation::tabular ? ']' : '}';
    }

   private:
    Orientation orientation_;
    bool flat_;  // the reference's quirk: one column gives a flat list of values
    std::vector<JsonFormat> formats_;
    std::vector<std::string> labels_;
};

const char* orientation_name(Orientation orientation) {
    return orientation == Orientation::tabular ? "tabular" : "records";
}

// A next-id the id column cannot hold is the client's error: PostgreSQL would refuse the
// parameter (22003) and the client would see a 500.
void check_next_id_fits(const TableDescription& table, std::int64_t next_id) {
    constexpr Oid kSmallint = 21;
    constexpr Oid kInteger = 23;
    for (const auto& column : table.columns) {
        if (column.name != "id") continue;
        std::int64_t limit = column.type == kSmallint  ? std::numeric_limits<std::int16_t>::max()
                             : column.type == kInteger ? std::numeric_limits<std::int32_t>::max()
                                                       : std::numeric_limits<std::int64_t>::max();
        if (next_id > limit || next_id < -limit - 1)
            throw http::HttpError::bad_request("next-id must be an integer");
    }
}

}  // namespace

Orientation parse_orientation(const http::RequestContext& context) {
    auto orientation = context.query("orientation");
    if (!orientation || *orientation == "tabular") return Orientation::tabular;
    if (*orientation == "records") return Orientation::records;
    throw http::HttpError::bad_request("orientation must be tabular or records");
}

PageRequest parse_page_request(const http::RequestContext& context) {
    PageRequest request;
    request.orientation = parse_orientation(context);
    if (auto next = context.query("next-id")) {
        std::int64_t id = 0;
        auto [end, error] = std::from_chars(next->data(), next->data() + next->size(), id);
        if (next->empty() || error != std::errc() || end != next->data() + next->size()) {
            throw http::HttpError::bad_request("next-id must be an integer");
        }
        request.next_id = id;
    }
    return request;
}

std::vector<ServedColumn> served_columns(const TableDescription& table, ColumnSelection selection,
                                         ColumnNaming naming) {
    std::vector<ServedColumn> served;
    auto add = [&](const ColumnDescription& column) {
        served.push_back(
            {column.name,
             naming == ColumnNaming::camel_case ? to_camel_case(column.name) : column.name,
             column.type});
    };
    if (selection != ColumnSelection::data_columns) {
        for (const auto& column : table.columns) {
            if (column.name == "id") add(column);
        }
    }
    for (const auto& column : table.columns) {
        if (column.name == "id") continue;
        bool excluded = selection == ColumnSelection::all_but_file_columns
                            ? is_file_column(column.name)
                            : is_helper_column(column.name);
        if (!excluded) add(column);
    }
    return served;
}

std::string request_base_url(const http::RequestContext& context, bool trust_proxy) {
    auto origin = http::request_origin(context.request(), trust_proxy);
    return origin.scheme + "://" + origin.authority + std::string(context.path());
}

std::string read_page_json(db::Connection& connection, const TableDescription& table,
                           const std::vector<ServedColumn>& columns, std::int64_t page_size,
                           const PageRequest& request, const std::string& base_url) {
    if (request.next_id) check_next_id_fits(table, *request.next_id);
    auto sql = page_sql(table, columns, request.next_id.has_value());
    RowWriter writer(columns, request.orientation);
    std::string out;
    out.reserve(static_cast<std::size_t>(page_size) * (columns.size() * 12 + 4) + 256);
    out += '{';
    if (request.orientation == Orientation::tabular) {
        append_headers(out, columns);
        out += ',';
    }
    out += writer.opening();
    std::int64_t written = 0;
    std::string next_id;
    // Rows are written as they arrive; the page_size+1-th only tells that a next page exists.
    auto on_row = [&](const db::Result& row) {
        if (written == page_size) {
            next_id = std::string(row.text(0, 0));
            return;
        }
        if (written == 0) writer.check_types(row);
        if (written > 0) out += ',';
        writer.append(out, row, 0);
        ++written;
    };
    if (request.next_id) {
        connection.for_each_row(sql, on_row, page_size + 1, *request.next_id);
    } else {
        connection.for_each_row(sql, on_row, page_size + 1);
    }
    out += "],\"next\":";
    if (!next_id.empty()) {
        append_json_string(out, base_url + "?orientation=" + orientation_name(request.orientation) +
                                    "&next-id=" + next_id);
    } else {
        out += "null";
    }
    out += '}';
    return out;
}

std::string single_row_sql(const TableDescription& table, const std::vector<ServedColumn>& columns,
                           const std::string& where_sql) {
    auto sql = select_served(table, columns);
    return sql.append(" WHERE ").append(where_sql).append(" ORDER BY \"id\" LIMIT 1");
}

std::string read_single_row_json(db::Connection& connection, const TableDescription& table,
                                 const std::vector<ServedColumn>& columns, Orientation orientation,
                                 const std::string& where_sql, const std::string& value) {
    auto result = connection.execute(single_row_sql(table, columns, where_sql), value);
    std::string out = "{";
    if (orientation == Orientation::tabular) {
        append_headers(out, columns);
        out += ',';
    }
    RowWriter writer(columns, orientation);
    if (result.rows() > 0) writer.check_types(result);
    out += writer.opening();
    for (int row = 0; row < result.rows(); ++row) {
        if (row > 0) out += ',';
        writer.append(out, result, row);
    }
    out += "]}";
    return out;
}

}  // namespace dss::api
