// The health check follows the database: 503 while it is down, 200 once it is back, with the
// same dss process throughout. Uses a cluster of its own so that other tests keep theirs.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/dss_server.hpp"
#include "support/http_client.hpp"

namespace dss::test {
namespace {

class PrivateCluster {
   public:
    PrivateCluster() : port_(free_port()) {
        // The server may run as the postgres user: it must be able to enter the folder.
        ::chmod(directory_.path().c_str(), 0755);
        environment_ = {{"DSS_PG_DATA", (directory_.path() / "cluster").string()},
                        {"DSS_PG_PORT", std::to_string(port_)}};
        control("start");
    }
    PrivateCluster(const PrivateCluster&) = delete;
    PrivateCluster& operator=(const PrivateCluster&) = delete;
    ~PrivateCluster() { run_command({script(), "stop"}, environment_); }

    void control(const std::string& action) {
        auto result = run_command({script(), action}, environment_, std::chrono::seconds(120));
        ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    }
    std::string url() const {
        return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/dss";
    }

   private:
    static std::string script() {
        return (source_directory() / "scripts" / "postgres.sh").string();
    }
    TemporaryDirectory directory_;
    std::uint16_t port_;
    EnvironmentOverrides environment_;
};

int healthcheck_status(std::uint16_t port) {
    auto reply = http_get(port, "/healthcheck");
    if (reply.status == 503) {
        EXPECT_EQ(nlohmann::json::parse(reply.body)["status"], "FAIL");
    }
    return reply.status;
}

TEST(HealthcheckOutage, FollowsTheDatabaseDownAndBackUp) {
    PrivateCluster cluster;
    DssServer server(cluster.url(), {{"DSS_DATABASE_CONNECT_TIMEOUT", "2"}});
    EXPECT_EQ(healthcheck_status(server.port()), 200);

    cluster.control("stop");
    EXPECT_EQ(healthcheck_status(server.port()), 503);
    EXPECT_EQ(healthcheck_status(server.port()), 503);

    cluster.control("start");
    EXPECT_EQ(healthcheck_status(server.port()), 200);
    EXPECT_FALSE(server.process().wait_for_exit(std::chrono::milliseconds(0)).has_value())
        << "dss must keep running through the outage";
}

}  // namespace
}  // namespace dss::test
