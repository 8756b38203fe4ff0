// The data API's endpoints (api.md): dataset lists, postcode lookups, table structure and data.
// Which path serves which is in the route table (api/routes.cpp).
#pragma once

#include <memory>

#include "api/pagination.hpp"
#include "core/settings.hpp"
#include "db/pool.hpp"
#include "http/request_context.hpp"

namespace dss::api {

class TableCatalogue;

// Both postcode endpoints match ignoring case and every space; the expression is the one the
// index of migration 0002 is built on, so the lookup is an index scan.
inline constexpr const char* kPostcodeMatch =
    "lower(replace(\"postcode\", ' ', '')) = lower(replace($1, ' ', ''))";

// A dataset list endpoint: which table it pages through, and how its columns are served.
struct DatasetTable {
    const char* schema;
    const char* table;
    ColumnSelection selection;
    ColumnNaming naming;
};

class DataEndpoints {
   public:
    struct Services {
        const core::Settings& settings;
        db::Pool& pool;
        std::shared_ptr<TableCatalogue> catalogue;  // column lists, cached briefly
    };

    DataEndpoints(const core::Settings& settings, db::Pool& pool);

    // One page of a dataset (get-ons-postcodes, get-dit-baci-data ...).
    http::Response dataset(const DatasetTable& table, const http::RequestContext& context) const;
    // get-postcode-data and get-dit-reference-postcode: one reference postcode.
    http::Response postcode(const http::RequestContext& context) const;
    http::Response table_structure(const http::RequestContext& context) const;
    http::Response table_data(const http::RequestContext& context) const;

   private:
    Services services_;
};

}  // namespace dss::api
