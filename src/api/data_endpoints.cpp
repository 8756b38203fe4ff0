// Handlers of the data API. Each reads the catalogue for the table it serves, so the columns
// follow whatever the pipelines created.
#include "api/data_endpoints.hpp"

#include <array>

#include "api/pagination.hpp"
#include "api/table_catalogue.hpp"
#include "http/responses.hpp"

namespace dss::api {
namespace {

struct DatasetEndpoint {
    const char* path;
    const char* scope;
    const char* schema;
    const char* table;
    ColumnSelection selection;
    ColumnNaming naming;
};

constexpr std::array<DatasetEndpoint, 6> kDatasetEndpoints = {{
    {"/api/v1/get-dit-reference-postcodes/", "list_dit_reference_postcodes",
     "dit.reference_postcodes", "L1", ColumnSelection::data_columns, ColumnNaming::camel_case},
    {"/api/v1/get-ons-postcodes/", "list_ons_postcodes", "ons.postcode_directory", "L1",
     ColumnSelection::id_and_data_columns, ColumnNaming::as_stored},
    {"/api/v1/get-world-bank-tariffs/", "list_world_bank_tariff", "world_bank.tariff", "L1",
     ColumnSelection::data_columns, ColumnNaming::camel_case},
    {"/api/v1/get-world-bank-tariffs/raw/", "list_world_bank_tariff_raw", "world_bank.tariff", "L0",
     ColumnSelection::data_columns, ColumnNaming::camel_case},
    {"/api/v1/get-world-bank-bound-rates/raw/", "list_world_bank_bound_rates_raw",
     "world_bank.bound_rates", "L0", ColumnSelection::data_columns, ColumnNaming::camel_case},
    {"/api/v1/get-dit-baci-data/", "list_dit_baci", "dit.baci", "L1", ColumnSelection::data_columns,
     ColumnNaming::camel_case},
}};

// Both postcode endpoints match ignoring case and every space; the expression is the one the
// index of migration 0002 is built on, so the lookup is an index scan.
constexpr const char* kPostcodeMatch =
    "lower(replace(\"postcode\", ' ', '')) = lower(replace($1, ' ', ''))";

http::HttpError table_not_found() { return {http::Status::not_found, nlohmann::json::object()}; }

TableDescription require_table(db::Connection& connection, std::string_view schema,
                               std::string_view table) {
    auto description = describe_table(connection, schema, table);
    if (!description) throw table_not_found();
    return *description;
}

http::Response json_body(std::string body) {
    http::Response response{http::Status::ok, 11};
    response.set(http::beast_http::field::content_type, "application/json");
    response.body() = std::move(body);
    return response;
}

struct Context {
    const core::Settings& settings;
    db::Pool& pool;
};

http::Response serve_dataset(const Context& services, const DatasetEndpoint& endpoint,
                             const http::RequestContext& context) {
    auto request = parse_page_request(context);
    auto connection = services.pool.acquire();
    auto table = require_table(*connection, endpoint.schema, endpoint.table);
    auto columns = served_columns(table, endpoint.selection, endpoint.naming);
    return json_body(read_page_json(*connection, table, columns, services.settings.pagination_size,
                                    request,
                                    request_base_url(context, services.settings.http.trust_proxy)));
}

http::Response lookup_postcode(const Context& services, const http::RequestContext& context) {
    auto postcode = context.query("postcode");
    if (!postcode || postcode->empty()) throw http::HttpError::bad_request("No postcode specified");
    auto orientation = parse_orientation(context);
    auto connection = services.pool.acquire();
    auto table = require_table(*connection, "dit.reference_postcodes", "L1");
    auto columns = served_columns(table, ColumnSelection::data_columns, ColumnNaming::camel_case);
    return json_body(
        read_single_row_json(*connection, table, columns, orientation, kPostcodeMatch, *postcode));
}

http::Response table_structure(const Context& services, const http::RequestContext& context) {
    auto connection = services.pool.acquire();
    auto table = require_table(*connection, context.path_parameter("schema"),
                               context.path_parameter("table"));
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& column : table.columns) {
        if (column.name == "data_hash" || column.name == "datafile_created" ||
            column.name == "datafile_updated") {
            continue;
        }
        columns.push_back(
            {{"name", column.name}, {"type", sqlalchemy_type_name(column.type_name)}});
    }
    return http::json_response(http::Status::ok, {{"columns", columns}});
}

http::Response table_data(const Context& services, const http::RequestContext& context) {
    auto connection = services.pool.acquire();
    auto table = require_table(*connection, context.path_parameter("schema"),
                               context.path_parameter("table"));
    if (!table.has_column("id")) {
        throw http::HttpError(http::Status::unprocessable_entity,
                              {{"error", "The table must have an id column"}});
    }
    auto request = parse_page_request(context);
    auto columns =
        served_columns(table, ColumnSelection::all_but_file_columns, ColumnNaming::as_stored);
    return json_body(read_page_json(*connection, table, columns, services.settings.pagination_size,
                                    request,
                                    request_base_url(context, services.settings.http.trust_proxy)));
}

}  // namespace

void add_data_routes(http::Router& router, const core::Settings& settings, db::Pool& pool) {
    Context services{settings, pool};
    for (const auto& endpoint : kDatasetEndpoints) {
        router.add({http::Verb::get, endpoint.path, endpoint.scope,
                    [services, &endpoint](const http::RequestContext& context) {
                        return serve_dataset(services, endpoint, context);
                    }});
    }
    auto postcode = [services](const http::RequestContext& context) {
        return lookup_postcode(services, context);
    };
    router.add(
        {http::Verb::get, "/api/v1/get-postcode-data/", "dit_reference_postcode1", postcode});
    router.add({http::Verb::get, "/api/v1/get-dit-reference-postcode/", "dit_reference_postcode2",
                postcode});
    router.add({http::Verb::get, "/api/v1/table-structure/{schema}/{table}", "get_table_structure",
                [services](const http::RequestContext& context) {
                    return table_structure(services, context);
                }});
    router.add({http::Verb::get, "/api/v1/table-data/{schema}/{table}", "get_table_data",
                [services](const http::RequestContext& context) {
                    return table_data(services, context);
                }});
}

}  // namespace dss::api
