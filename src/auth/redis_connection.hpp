// One connection to Redis, plain (redis://) or TLS (rediss://). hiredis formats commands and
// parses replies; Boost.Asio and OpenSSL carry the bytes, because Debian's hiredis 0.14 has
// no TLS of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dss::auth {

struct RedisEndpoint {
    std::string host;
    std::uint16_t port = 6379;
    std::string password;
    bool tls = false;
    std::string ca_file;  // trusted certificates for TLS; empty: the system's

    // `redis://[:password@]host[:port]`, `rediss://...` (TLS), or a bare host, which uses TLS
    // when `tls_for_bare_host` (the reference's cache.ssl). Port and password in the URL win
    // over the separate settings.
    static RedisEndpoint parse(std::string_view url, std::uint16_t default_port,
                               std::string_view default_password, bool tls_for_bare_host);
};

struct RedisReply {
    enum class Kind { status, error, integer, nil, text, array };
    Kind kind = Kind::nil;
    std::string text;
    long long integer = 0;
};

class RedisConnection {
   public:
    // Connects (and authenticates when a password is set); throws std::runtime_error.
    RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout);
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;
    ~RedisConnection();

    RedisReply command(const std::vector<std::string_view>& arguments);

   private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace dss::auth
