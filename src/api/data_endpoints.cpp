// Handlers of the data API. Each reads the catalogue for the table it serves, so the columns
// follow whatever the pipelines created.
#include "api/data_endpoints.hpp"

#include <array>
#include <memory>

#include "api/pagination.hpp"
#include "api/table_catalogue.hpp"
#include "db/errors.hpp"
#include "http/responses.hpp"

namespace dss::api {
namespace {

http::HttpError table_not_found() { return {http::Status::not_found, nlohmann::json::object()}; }

TableDescription require_table(const DataEndpoints::Services& services, db::Connection& connection,
                               std::string_view schema, std::string_view table) {
    auto description = services.catalogue->describe(connection, schema, table);
    if (!description) throw table_not_found();
    return *description;
}

// Runs `read` on the cached description; if the table changed since (a pipeline rebuilt it),
// forgets the entry and runs it once more on a fresh one.
template <typename Read>
auto with_table(const DataEndpoints::Services& services, db::Connection& connection,
                std::string_view schema, std::string_view table, const Read& read) {
    try {
        return read(require_table(services, connection, schema, table));
    } catch (const db::DatabaseError& error) {
        if (error.sqlstate() != db::sqlstate::kUndefinedTable &&
            error.sqlstate() != db::sqlstate::kUndefinedColumn) {
            throw;
        }
        services.catalogue->forget(schema, table);
        return read(require_table(services, connection, schema, table));
    } catch (const StaleTableDescription&) {
        services.catalogue->forget(schema, table);
        return read(require_table(services, connection, schema, table));
    }
}

http::Response json_body(std::string body) {
    http::Response response{http::Status::ok, 11};
    response.set(http::beast_http::field::content_type, "application/json");
    response.body() = std::move(body);
    return response;
}

}  // namespace

DataEndpoints::DataEndpoints(const core::Settings& settings, db::Pool& pool)
    : services_{settings, pool, std::make_shared<TableCatalogue>()} {}

http::Response DataEndpoints::dataset(const DatasetTable& endpoint,
                                      const http::RequestContext& context) const {
    const auto& services = services_;
    auto request = parse_page_request(context);
    auto base_url = request_base_url(context, services.settings.http.trust_proxy);
    auto connection = services.pool.acquire();
    return with_table(
        services, *connection, endpoint.schema, endpoint.table, [&](const TableDescription& table) {
            auto columns = served_columns(table, endpoint.selection, endpoint.naming);
            return json_body(read_page_json(*connection, table, columns,
                                            services.settings.pagination_size, request, base_url));
        });
}

http::Response DataEndpoints::postcode(const http::RequestContext& context) const {
    const auto& services = services_;
    auto postcode = context.query("postcode");
    if (!postcode || postcode->empty()) throw http::HttpError::bad_request("No postcode specified");
    auto orientation = parse_orientation(context);
    auto connection = services.pool.acquire();
    return with_table(
        services, *connection, "dit.reference_postcodes", "L1", [&](const TableDescription& table) {
            auto columns =
                served_columns(table, ColumnSelection::data_columns, ColumnNaming::camel_case);
            return json_body(read_single_row_json(*connection, table, columns, orientation,
                                                  kPostcodeMatch, *postcode));
        });
}

http::Response DataEndpoints::table_structure(const http::RequestContext& context) const {
    const auto& services = services_;
    auto connection = services.pool.acquire();
    // Always fresh: data-flow reads the structure once to create its copy of the table.
    auto description = describe_table(*connection, context.path_parameter("schema"),
                                      context.path_parameter("table"));
    if (!description) throw table_not_found();
    const auto& table = *description;
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& column : table.columns) {
        if (is_file_column(column.name)) continue;
        columns.push_back(
            {{"name", column.name}, {"type", sqlalchemy_type_name(column.type_name)}});
    }
    return http::json_response(http::Status::ok, {{"columns", columns}});
}

http::Response DataEndpoints::table_data(const http::RequestContext& context) const {
    const auto& services = services_;
    auto connection = services.pool.acquire();
    const auto& schema = context.path_parameter("schema");
    const auto& name = context.path_parameter("table");
    auto base_url = request_base_url(context, services.settings.http.trust_proxy);
    return with_table(services, *connection, schema, name, [&](const TableDescription& table) {
        if (!table.has_column("id")) {
            throw http::HttpError(http::Status::unprocessable_entity,
                                  {{"error", "The table must have an id column"}});
        }
        auto request = parse_page_request(context);
        auto columns =
            served_columns(table, ColumnSelection::all_but_file_columns, ColumnNaming::as_stored);
        return json_body(read_page_json(*connection, table, columns,
                                        services.settings.pagination_size, request, base_url));
    });
}

}  // namespace dss::api
