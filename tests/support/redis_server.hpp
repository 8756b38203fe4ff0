// A throwaway redis-server on a free loopback port, stopped when the object goes away.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "support/child_process.hpp"

namespace dss::test {

class RedisServer {
   public:
    // Fails the test (throws) when redis-server is missing or does not start.
    explicit RedisServer(const std::string& password = {});

    std::uint16_t port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    void stop();

   private:
    std::uint16_t port_;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace dss::test
