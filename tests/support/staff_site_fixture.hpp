// The fixture of the staff pages' tests: a migrated database and a storage folder (from
// Ingest), the SSO provider, and `dss serve` pointed at all three.
#pragma once

#include <memory>

#include "support/dss_server.hpp"
#include "support/ingest_fixture.hpp"
#include "support/sso_peer.hpp"
#include "support/staff_client.hpp"

namespace dss::test {

class StaffSite : public Ingest {
   protected:
    std::unique_ptr<SsoPeer> sso;
    std::unique_ptr<DssServer> server;

    // Starts the provider (with `sso_environment`) and the server (with `extra`).
    void start(const EnvironmentOverrides& extra = {},
               const EnvironmentOverrides& sso_environment = {}) {
        sso = std::make_unique<SsoPeer>(sso_environment);
        auto environment = sso->dss_settings();
        environment["S3_BUCKET_URL"] = storage.path().string();
        environment["DSS_APP_SECRET_KEY"] = "a-test-secret-for-the-session-cookie";
        for (const auto& [key, value] : extra) environment[key] = value;
        server = std::make_unique<DssServer>(database.url(), environment);
    }

    StaffClient signed_in_client() {
        StaffClient client(server->port());
        auto reply = client.sign_in("/");
        EXPECT_EQ(reply.status, 302) << reply.body;
        return client;
    }
};

}  // namespace dss::test
