// A small generated sample for `make run`: a demo Hawk client and a few thousand rows in the
// reference-postcode and ONS tables, so that the API has something to serve on a new machine.
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace dss::sample {

struct SampleReport {
    std::string client_id;
    std::string client_key;
    std::int64_t reference_postcodes = 0;  // rows added (0 when the table already had data)
    std::int64_t ons_postcodes = 0;
};

// Idempotent: tables that already hold rows are left alone, an existing demo client is reused.
SampleReport load_sample(db::Connection& connection, int ons_rows = 2500, int reference_rows = 500);

}  // namespace dss::sample
