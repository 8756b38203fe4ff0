// One throwaway database per benchmark process, made the way the tests make theirs.
#include "bench_database.hpp"

#include "support/test_database.hpp"

namespace dss::bench {

const std::string& bench_database_url() {
    static const test::TestDatabase database;
    return database.url();
}

}  // namespace dss::bench
