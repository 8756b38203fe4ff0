// Per-test databases: unique names from the process id and a counter.
#include "support/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "db/database_url.hpp"
#include "db/identifier.hpp"

namespace dss::test {

std::string admin_url() {
    if (const char* url = std::getenv("DSS_TEST_ADMIN_URL"); url != nullptr && *url != '\0')
        return url;
    const char* port = std::getenv("DSS_PG_PORT");
    return std::string("postgresql://postgres@127.0.0.1:") + (port != nullptr ? port : "54329") +
           "/postgres";
}

TestDatabase::TestDatabase() {
    static std::atomic<int> counter{0};
    name_ = "dss_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    db::Connection admin(admin_url());
    admin.execute("DROP DATABASE IF EXISTS " + db::quote_identifier(name_));
    admin.execute("CREATE DATABASE " + db::quote_identifier(name_));
    url_ = db::with_database(admin_url(), name_);
}

TestDatabase::~TestDatabase() {
    try {
        db::Connection admin(admin_url());
        admin.execute("DROP DATABASE IF EXISTS " + db::quote_identifier(name_) + " WITH (FORCE)");
    } catch (...) {  // NOLINT(bugprone-empty-catch): a leftover database is cleaned next run
    }
}

}  // namespace dss::test
