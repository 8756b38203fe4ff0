// A real `dss serve` child process on a free port, for end-to-end tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace dss::test {

class DssServer {
   public:
    // Starts `dss serve --port 0` with DSS_DATABASE_URL=`database_url` plus `environment`,
    // and waits until it reports the port it listens on. Fails the test if it does not start.
    // `launcher` runs before dss (for example a shell that lowers a limit, then execs "$@").
    explicit DssServer(const std::string& database_url, EnvironmentOverrides environment = {},
                       std::vector<std::string> launcher = {});

    std::uint16_t port() const { return port_; }
    ChildProcess& process() { return *process_; }

   private:
    std::unique_ptr<ChildProcess> process_;
    std::uint16_t port_ = 0;
};

// A TCP port nobody listens on right now (bound and released).
std::uint16_t free_port();

}  // namespace dss::test
