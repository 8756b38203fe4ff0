#include "support/sso_peer.hpp"

#include <chrono>
#include <stdexcept>

namespace dss::test {

SsoPeer::SsoPeer(const EnvironmentOverrides& environment)
    : process_({"/usr/bin/env", "node",
                (source_directory() / "tests" / "interop" / "sso_server.js").string()},
               environment) {
    if (!process_.wait_for_output("listening on", std::chrono::seconds(20)))
        throw std::runtime_error("sso_server.js did not start: " + process_.standard_error());
    auto out = process_.standard_output();
    url_ = "http://127.0.0.1:" + out.substr(out.find("listening on ") + 13);
    while (!url_.empty() && (url_.back() == '\n' || url_.back() == '\r')) url_.pop_back();
}

EnvironmentOverrides SsoPeer::dss_settings() const {
    return {{"AUTHBROKER_URL", url_},
            {"AUTHORIZE_PATH", "/authorize"},
            {"SSO_PATH_USER", "/token"},
            {"ACCESS_TOKEN_PATH", "/userinfo"},
            {"SSO_PATH_LOGOUT", "/endsession"},
            {"AUTHBROKER_CLIENT_ID", "dss-test-client"},
            {"AUTHBROKER_CLIENT_SECRET", "dss-test-secret"}};
}

int SsoPeer::profile_requests() const {
    auto err = process_.standard_error();
    int count = 0;
    for (auto at = err.find("userinfo "); at != std::string::npos;
         at = err.find("userinfo ", at + 1)) {
        ++count;
    }
    return count;
}

}  // namespace dss::test
