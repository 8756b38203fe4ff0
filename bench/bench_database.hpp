// The database benchmarks run against: a fresh one on the private cluster, dropped at exit.
#pragma once

#include <string>

namespace dss::bench {

// URL of a database created for this benchmark run (DSS_TEST_ADMIN_URL names the cluster's
// maintenance database; default: the private cluster of scripts/postgres.sh).
const std::string& bench_database_url();

}  // namespace dss::bench
