// Hawk request signing as the npm hawk client does it (client.header).
#include "auth/hawk_client.hpp"

#include <chrono>

#include "auth/hawk_crypto.hpp"
#include "auth/hawk_header.hpp"
#include "core/crypto.hpp"

namespace dss::auth {

SignedRequest sign_request(const HawkCredentials& credentials, std::string_view method,
                           const http_client::UrlParts& url,
                           const std::optional<HawkPayload>& payload, std::string_view ext,
                           std::optional<std::int64_t> ts,
                           const std::optional<std::string>& nonce) {
    HawkArtifacts artifacts;
    artifacts.method = std::string(method);
    artifacts.resource = url.resource;
    artifacts.host = url.host;
    artifacts.port = url.port;
    artifacts.ts =
        std::to_string(ts.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count()));
    artifacts.nonce = nonce.value_or(core::random_token(6));
    if (payload) artifacts.hash = hawk_payload_hash(payload->body, payload->content_type);
    artifacts.ext = std::string(ext);
    auto mac = hawk_mac(HawkMacType::header, credentials, artifacts);

    std::string header = "Hawk id=\"" + credentials.id + "\", ts=\"" + artifacts.ts +
                         "\", nonce=\"" + artifacts.nonce + "\"";
    if (!artifacts.hash.empty()) header += ", hash=\"" + artifacts.hash + "\"";
    if (!artifacts.ext.empty()) header += ", ext=\"" + artifacts.ext + "\"";
    header += ", mac=\"" + mac + "\"";
    return {header, artifacts};
}

bool verify_server_authorization(const HawkCredentials& credentials, const HawkArtifacts& request,
                                 std::string_view header, std::string_view body,
                                 std::string_view content_type) {
    HawkAttributes attributes;
    try {
        attributes = parse_hawk_attributes(header);
    } catch (const MalformedHawkHeader&) {
        return false;
    }
    auto mac = attributes.find("mac");
    if (mac == attributes.end()) return false;
    HawkArtifacts response = request;
    auto ext = attributes.find("ext");
    response.ext = ext == attributes.end() ? "" : ext->second;
    auto hash = attributes.find("hash");
    response.hash = hash == attributes.end() ? "" : hash->second;
    if (!core::constant_time_equals(hawk_mac(HawkMacType::response, credentials, response),
                                    mac->second)) {
        return false;
    }
    if (hash == attributes.end()) return true;  // the server chose not to cover the payload
    return core::constant_time_equals(hawk_payload_hash(body, content_type), hash->second);
}

SignedResponse send_signed_request(const HawkCredentials& credentials, std::string_view method,
                                   const std::string& url,
                                   const std::optional<HawkPayload>& payload,
                                   std::chrono::seconds timeout) {
    auto signed_request = sign_request(credentials, method, http_client::parse_url(url), payload);
    http_client::ClientRequest outgoing;
    outgoing.method = std::string(method);
    outgoing.url = url;
    outgoing.timeout = timeout;
    outgoing.headers.emplace_back("Authorization", signed_request.authorization);
    if (payload) {
        outgoing.headers.emplace_back("Content-Type", payload->content_type);
        outgoing.body = payload->body;
    }
    SignedResponse answer{http_client::send_request(outgoing), std::nullopt};
    if (auto server_authorization = answer.response.header("Server-Authorization");
        !server_authorization.empty()) {
        answer.server_authorization_valid = verify_server_authorization(
            credentials, signed_request.artifacts, server_authorization, answer.response.body,
            answer.response.header("Content-Type"));
    }
    return answer;
}

}  // namespace dss::auth
