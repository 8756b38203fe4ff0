// An HTTP connection that signs every request with Hawk, for end-to-end API tests.
#pragma once

#include <nlohmann/json.hpp>

#include "auth/hawk_client.hpp"
#include "support/http_client.hpp"

namespace dss::test {

struct SignedReply {
    HttpReply reply;
    bool server_authorization_verified = false;

    nlohmann::json json() const { return nlohmann::json::parse(reply.body); }
};

class HawkSession {
   public:
    HawkSession(std::uint16_t port, auth::HawkCredentials credentials)
        : port_(port), credentials_(std::move(credentials)), connection_(port) {}

    // GET `target` (path and query) signed with this session's credentials.
    SignedReply get(const std::string& target);
    // Follows an absolute `next` URL from a page.
    SignedReply get_url(const std::string& url);

   private:
    std::uint16_t port_;
    auth::HawkCredentials credentials_;
    HttpConnection connection_;
};

}  // namespace dss::test
