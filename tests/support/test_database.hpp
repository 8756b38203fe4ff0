// A database of its own for one test (or suite), created on the private cluster and dropped
// afterwards. The cluster must be running: a missing server fails the test, never skips it.
#pragma once

#include <string>

#include "db/connection.hpp"

namespace dss::test {

// URL of the cluster's maintenance database: DSS_TEST_ADMIN_URL, else the private cluster
// that scripts/postgres.sh starts.
std::string admin_url();

class TestDatabase {
   public:
    TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    ~TestDatabase();

    const std::string& name() const { return name_; }
    const std::string& url() const { return url_; }
    db::Connection connect() const { return db::Connection(url_); }

   private:
    std::string name_;
    std::string url_;
};

}  // namespace dss::test
