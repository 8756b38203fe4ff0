// The SSO provider for sign-in tests: npm oauth2-mock-server (tests/interop/sso_server.js) on
// a free loopback port, and the settings that point `dss serve` at it.
#pragma once

#include <string>

#include "support/child_process.hpp"

namespace dss::test {

class SsoPeer {
   public:
    // `environment`: SSO_TOKEN_LIFETIME, SSO_USERINFO_STATUS (see sso_server.js).
    explicit SsoPeer(const EnvironmentOverrides& environment = {});

    const std::string& url() const { return url_; }
    // AUTHBROKER_URL and the provider's paths, for DssServer's environment.
    EnvironmentOverrides dss_settings() const;
    // How often the provider was asked for a profile.
    int profile_requests() const;

   private:
    ChildProcess process_;
    std::string url_;
};

}  // namespace dss::test
