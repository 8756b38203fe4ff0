// The route table (method, path pattern, scope, handler): every path dss serves, here and
// nowhere else. Routes with a scope are Hawk-guarded.
#include "api/routes.hpp"

#include <array>
#include <memory>

#include "api/data_endpoints.hpp"
#include "api/hawk_guard.hpp"
#include "api/healthcheck.hpp"

namespace dss::api {
namespace {

using Selection = ColumnSelection;
using Naming = ColumnNaming;

struct DatasetRoute {
    const char* path;
    const char* scope;
    DatasetTable table;
};

constexpr std::array<DatasetRoute, 6> kDatasets = {{
    {"/api/v1/get-dit-reference-postcodes/",
     "list_dit_reference_postcodes",
     {"dit.reference_postcodes", "L1", Selection::data_columns, Naming::camel_case}},
    {"/api/v1/get-ons-postcodes/",
     "list_ons_postcodes",
     {"ons.postcode_directory", "L1", Selection::id_and_data_columns, Naming::as_stored}},
    {"/api/v1/get-world-bank-tariffs/",
     "list_world_bank_tariff",
     {"world_bank.tariff", "L1", Selection::data_columns, Naming::camel_case}},
    {"/api/v1/get-world-bank-tariffs/raw/",
     "list_world_bank_tariff_raw",
     {"world_bank.tariff", "L0", Selection::data_columns, Naming::camel_case}},
    {"/api/v1/get-world-bank-bound-rates/raw/",
     "list_world_bank_bound_rates_raw",
     {"world_bank.bound_rates", "L0", Selection::data_columns, Naming::camel_case}},
    {"/api/v1/get-dit-baci-data/",
     "list_dit_baci",
     {"dit.baci", "L1", Selection::data_columns, Naming::camel_case}},
}};

}  // namespace

http::Router make_router(Services& services) {
    using http::Verb;
    auto data = std::make_shared<DataEndpoints>(services.settings, services.pool);
    auto health = [&services](const http::RequestContext&) { return healthcheck(services.pool); };
    auto postcode = [data](const http::RequestContext& c) { return data->postcode(c); };

    http::Router router;
    router.set_guard(make_hawk_guard(services.settings, services.authenticator));
    router.add({Verb::get, "/healthcheck", "", health});
    router.add({Verb::get, "/healthcheck/", "", health});
    for (const auto& dataset : kDatasets) {
        router.add({Verb::get, dataset.path, dataset.scope,
                    [data, &dataset](const http::RequestContext& c) {
                        return data->dataset(dataset.table, c);
                    }});
    }
    router.add({Verb::get, "/api/v1/get-postcode-data/", "dit_reference_postcode1", postcode});
    router.add(
        {Verb::get, "/api/v1/get-dit-reference-postcode/", "dit_reference_postcode2", postcode});
    router.add({Verb::get, "/api/v1/table-structure/{schema}/{table}", "get_table_structure",
                [data](const http::RequestContext& c) { return data->table_structure(c); }});
    router.add({Verb::get, "/api/v1/table-data/{schema}/{table}", "get_table_data",
                [data](const http::RequestContext& c) { return data->table_data(c); }});
    return router;
}

}  // namespace dss::api
