// A TCP port that accepts connections (the kernel completes them from the backlog) and never
// answers: a dependency that hangs (a stuck Redis, a data-flow that never replies, a dropped
// network), as opposed to one that is down.
#pragma once

#include <cstdint>
#include <string>

namespace dss::test {

class SilentServer {
   public:
    SilentServer();
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;
    ~SilentServer();

    std::uint16_t port() const { return port_; }
    // "<scheme>://127.0.0.1:<port>"
    std::string url(const std::string& scheme) const;

   private:
    int socket_;
    std::uint16_t port_ = 0;
};

}  // namespace dss::test
