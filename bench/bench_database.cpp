// One throwaway database per benchmark process.
#include "bench_database.hpp"

#include <unistd.h>

#include <cstdlib>

#include "db/connection.hpp"
#include "db/database_url.hpp"
#include "db/identifier.hpp"

namespace dss::bench {
namespace {

std::string admin_url() {
    const char* url = std::getenv("DSS_BENCH_ADMIN_URL");
    return url != nullptr ? url : "postgresql://postgres@127.0.0.1:54329/postgres";
}

class BenchDatabase {
   public:
    BenchDatabase() : name_("dss_bench_" + std::to_string(::getpid())) {
        db::Connection admin(admin_url());
        admin.execute("DROP DATABASE IF EXISTS " + db::quote_identifier(name_));
        admin.execute("CREATE DATABASE " + db::quote_identifier(name_));
        url_ = db::with_database(admin_url(), name_);
    }
    BenchDatabase(const BenchDatabase&) = delete;
    BenchDatabase& operator=(const BenchDatabase&) = delete;
    ~BenchDatabase() {
        try {
            db::Connection admin(admin_url());
            admin.execute("DROP DATABASE IF EXISTS " + db::quote_identifier(name_) +
                          " WITH (FORCE)");
        } catch (...) {  // NOLINT(bugprone-empty-catch): best effort at exit
        }
    }
    const std::string& url() const { return url_; }

   private:
    std::string name_;
    std::string url_;
};

}  // namespace

const std::string& bench_database_url() {
    static const BenchDatabase database;
    return database.url();
}

}  // namespace dss::bench
