// Where a request was addressed: scheme and authority (host[:port]) from the Host header, or,
// behind a proxy dss trusts, from X-Forwarded-Proto, -Host and -Port. The Hawk MAC and the
// absolute `next` URLs of the API must agree on it, so both ask here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/request_context.hpp"

namespace dss::http {

struct RequestOrigin {
    std::string scheme;     // "http" or what the proxy says
    std::string authority;  // "host", "host:port" or "[v6]:port", as given
    // X-Forwarded-Port, which wins over a port in the authority.
    std::optional<std::uint16_t> forwarded_port;
};

RequestOrigin request_origin(const Request& request, bool trust_proxy);

}  // namespace dss::http
