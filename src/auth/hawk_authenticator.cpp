// The server side of Hawk 1.1, matching the npm hawk package's server.authenticate.
#include "auth/hawk_authenticator.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "auth/hawk_crypto.hpp"
#include "auth/hawk_header.hpp"
#include "core/crypto.hpp"
#include "http/request_origin.hpp"

namespace dss::auth {
namespace {

std::int64_t system_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string_view header_value(const http::Request& request, std::string_view name) {
    auto found = request.find(name);
    return found == request.end() ? std::string_view{} : std::string_view(found->value());
}

// Splits "host", "host:port" or "[v6]:port".
void split_host(std::string_view authority, std::string& host, std::optional<std::uint16_t>& port) {
    std::string_view name = authority;
    std::string_view port_text;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        name = authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
        if (close != std::string_view::npos && close + 1 < authority.size() &&
            authority[close + 1] == ':') {
            port_text = authority.substr(close + 2);
        }
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        name = authority.substr(0, colon);
        port_text = authority.substr(colon + 1);
    }
    host = std::string(name);
    unsigned value = 0;
    if (!port_text.empty() &&
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), value).ec ==
            std::errc() &&
        value > 0 && value <= 65535) {
        port = static_cast<std::uint16_t>(value);
    }
}

std::string challenge(std::string_view error) {
    return "Hawk error=\"" + std::string(error) + "\"";
}

}  // namespace

std::chrono::seconds nonce_lifetime(const core::HawkSettings& settings) {
    return std::chrono::seconds(2 * settings.timestamp_skew_seconds + 1);
}

bool HawkPrincipal::allows(std::string_view scope) const {
    return std::any_of(
        client.scopes.begin(), client.scopes.end(),
        [scope](const std::string& granted) { return granted == "*" || granted == scope; });
}

HawkAuthenticator::HawkAuthenticator(core::HawkSettings settings, bool trust_proxy,
                                     HawkClientLookup lookup, NonceStore& nonces, Clock clock)
    : settings_(std::move(settings)),
      trust_proxy_(trust_proxy),
      lookup_(std::move(lookup)),
      nonces_(nonces),
      clock_(clock ? std::move(clock) : Clock(&system_seconds)) {}

HawkArtifacts HawkAuthenticator::request_artifacts(const http::Request& request) const {
    HawkArtifacts artifacts;
    artifacts.method = std::string(request.method_string());
    artifacts.resource = std::string(request.target());
    auto origin = http::request_origin(request, trust_proxy_);
    std::optional<std::uint16_t> port;
    split_host(origin.authority, artifacts.host, port);
    if (origin.forwarded_port) port = origin.forwarded_port;
    artifacts.port = port.value_or(origin.scheme == "https" ? 443 : 80);
    return artifacts;
}

void HawkAuthenticator::check_payload(const http::Request& request,
                                      const std::optional<std::string>& hash,
                                      const HawkClient& /*client*/) const {
    auto content_type = header_value(request, "Content-Type");
    if (hash) {
        auto expected = hawk_payload_hash(request.body(), content_type);
        if (!core::constant_time_equals(expected, *hash)) {
            throw HawkUnauthorized("Bad payload hash", challenge("Bad payload hash"));
        }
        return;
    }
    bool has_content = !request.body().empty() || !content_type.empty();
    if (has_content && !settings_.accept_untrusted_content) {
        throw HawkUnauthorized("Missing required payload hash",
                               challenge("Missing required payload hash"));
    }
}

HawkPrincipal HawkAuthenticator::authenticate(const http::Request& request) const {
    auto header = header_value(request, "Authorization");
    if (header.empty()) throw HawkUnauthorized("no Authorization header", "Hawk");
    if (!is_hawk_scheme(header)) throw HawkUnauthorized("Authorization is not Hawk", "Hawk");
    auto parsed = parse_hawk_authorization(header);  // MalformedHawkHeader -> 400

    auto client = lookup_(parsed.id);
    if (!client)
        throw HawkUnauthorized("Unknown credentials: " + parsed.id,
                               challenge("Unknown credentials"));

    HawkPrincipal principal{std::move(*client), request_artifacts(request)};
    auto& artifacts = principal.artifacts;
    artifacts.ts = parsed.ts;
    artifacts.nonce = parsed.nonce;
    artifacts.hash = parsed.hash.value_or("");
    artifacts.ext = parsed.ext.value_or("");
    artifacts.app = parsed.app;
    artifacts.dlg = parsed.dlg;

    auto mac = hawk_mac(HawkMacType::header, principal.client.credentials, artifacts);
    if (!core::constant_time_equals(mac, parsed.mac)) {
        throw HawkUnauthorized("Bad mac for client " + parsed.id, challenge("Bad mac"));
    }
    check_payload(request, parsed.hash, principal.client);

    if (settings_.nonce_enabled &&
        !nonces_.remember(parsed.id + ":" + parsed.nonce + ":" + parsed.ts,
                          nonce_lifetime(settings_))) {
        throw HawkUnauthorized("Invalid nonce (replay) from client " + parsed.id,
                               challenge("Invalid nonce"));
    }

    auto now = clock_() + settings_.localtime_offset_seconds;
    std::int64_t ts = 0;
    auto [end, error] = std::from_chars(parsed.ts.data(), parsed.ts.data() + parsed.ts.size(), ts);
    bool stale = error != std::errc() || end != parsed.ts.data() + parsed.ts.size() ||
                 std::llabs(ts - now) > settings_.timestamp_skew_seconds;
    if (stale) {
        auto server_ts = std::to_string(now);
        throw HawkUnauthorized("Stale timestamp from client " + parsed.id,
                               R"(Hawk ts=")" + server_ts + R"(", tsm=")" +
                                   hawk_timestamp_mac(server_ts, principal.client.credentials) +
                                   R"(", error="Stale timestamp")");
    }
    return principal;
}

std::string HawkAuthenticator::response_header(const HawkPrincipal& principal,
                                               std::string_view body,
                                               std::string_view content_type) const {
    HawkArtifacts artifacts = principal.artifacts;
    artifacts.hash = hawk_payload_hash(body, content_type);
    artifacts.ext.clear();
    auto mac = hawk_mac(HawkMacType::response, principal.client.credentials, artifacts);
    return "Hawk mac=\"" + mac + "\", hash=\"" + artifacts.hash + "\"";
}

}  // namespace dss::auth
