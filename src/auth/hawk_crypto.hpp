// The Hawk 1.1 computations: normalised strings, MACs, payload hashes, timestamp MACs.
#pragma once

#include <string>
#include <string_view>

#include "auth/hawk_artifacts.hpp"

namespace dss::auth {

enum class HawkMacType { header, response };

// "hawk.1.<type>\n" then ts, nonce, method, resource, host, port, hash, ext, and app/dlg when
// app is set, each followed by "\n".
std::string hawk_normalized_string(HawkMacType type, const HawkArtifacts& artifacts);

// base64(HMAC-SHA256(key, normalised string)).
std::string hawk_mac(HawkMacType type, const HawkCredentials& credentials,
                     const HawkArtifacts& artifacts);

// base64(SHA-256("hawk.1.payload\n" + content type + "\n" + payload + "\n")), the content type
// lower-cased and without parameters.
std::string hawk_payload_hash(std::string_view payload, std::string_view content_type);

// The MAC a server sends with its own time on a stale-timestamp answer.
std::string hawk_timestamp_mac(std::string_view ts, const HawkCredentials& credentials);

// Lower case, parameters (";charset=...") removed, spaces trimmed.
std::string hawk_content_type(std::string_view content_type);

}  // namespace dss::auth
