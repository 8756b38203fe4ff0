// Signing with dss's own Hawk client; interop with the reference client is tested separately.
#include "support/hawk_session.hpp"

namespace dss::test {

SignedReply HawkSession::get(const std::string& target) {
    return get_url("http://127.0.0.1:" + std::to_string(port_) + target);
}

SignedReply HawkSession::get_url(const std::string& url) {
    auto parts = http_client::parse_url(url);
    auto signed_request = auth::sign_request(credentials_, "GET", parts, std::nullopt);
    SignedReply result;
    result.reply =
        connection_.get(parts.resource, {{"Authorization", signed_request.authorization}});
    auto header = result.reply.headers.find("server-authorization");
    if (header != result.reply.headers.end()) {
        result.server_authorization_verified = auth::verify_server_authorization(
            credentials_, signed_request.artifacts, header->second, result.reply.body,
            result.reply.headers["content-type"]);
    }
    return result;
}

}  // namespace dss::test
