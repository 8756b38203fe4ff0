// The values a Hawk MAC covers (hawk's "artifacts"), for requests and responses alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dss::auth {

struct HawkArtifacts {
    std::string method;    // upper case
    std::string resource;  // path and raw query, exactly as sent
    std::string host;      // lower case, no port
    std::uint16_t port = 80;
    std::string ts;
    std::string nonce;
    std::string hash;  // payload hash, "" when not given
    std::string ext;
    std::optional<std::string> app;
    std::optional<std::string> dlg;
};

// What a client presents and a server checks: one entry of public.hawk_users.
struct HawkCredentials {
    std::string id;
    std::string key;
    std::string algorithm = "sha256";
};

}  // namespace dss::auth
