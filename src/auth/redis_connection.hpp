// One connection to Redis, plain (redis://) or TLS (rediss://). hiredis formats commands and
// parses replies; Boost.Asio and OpenSSL carry the bytes, because Debian's hiredis 0.14 has
// no TLS of its own. Every step (resolve, connect, handshake, each command) has a deadline:
// a Redis that accepts and never answers costs a request that long, never a stuck worker.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
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

// A step that did not finish before its deadline. The command may or may not have run.
class RedisTimeout : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

class RedisConnection {
   public:
    // Connects (and authenticates when a password is set) within `timeout`; throws
    // RedisTimeout or std::runtime_error.
    RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout);
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;
    ~RedisConnection();

    // Sends one command and reads its reply within the timeout. After any throw the connection
    // is unusable.
    RedisReply command(const std::vector<std::string_view>& arguments);
    // For a connection that sat idle in a pool: false once it failed, or when the server
    // closed it or sent something unasked (an idle connection has nothing to read).
    bool is_usable() const;

   private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace dss::auth
