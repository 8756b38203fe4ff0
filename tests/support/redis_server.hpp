// A throwaway redis-server on a free loopback port, stopped when the object goes away.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace dss::test {

class RedisServer {
   public:
    struct Tls {
        std::string certificate_file;
        std::string key_file;
        std::string ca_file;
    };

    // Fails the test (throws) when redis-server is missing or does not start. With `tls`, it
    // listens for TLS only, and url() is rediss://localhost:port.
    explicit RedisServer(const std::string& password = {},
                         const std::optional<Tls>& tls = std::nullopt);

    std::uint16_t port() const { return port_; }
    std::string url() const {
        return (tls_ ? "rediss://localhost:" : "redis://127.0.0.1:") + std::to_string(port_);
    }
    void stop();
    // Stops it and starts a new one on the same port (its data gone, as after a failover).
    void restart();

   private:
    void start();

    std::vector<std::string> arguments_;
    std::uint16_t port_;
    bool tls_;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace dss::test
