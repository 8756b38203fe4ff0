// Hawk's normalised strings follow the spec (hueniverse/hawk, lib/crypto.js) byte for byte;
// the unit tests compare them with vectors produced by the npm hawk package.
#include "auth/hawk_crypto.hpp"

#include <cctype>

#include "core/ascii_case.hpp"
#include "core/ascii_text.hpp"
#include "core/crypto.hpp"

namespace dss::auth {
namespace {

// hawk escapes backslashes and newlines in ext so that it stays on one line.
std::string escape_ext(std::string_view ext) {
    std::string out;
    out.reserve(ext.size());
    for (char c : ext) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

}  // namespace

std::string hawk_normalized_string(HawkMacType type, const HawkArtifacts& artifacts) {
    std::string out = type == HawkMacType::header ? "hawk.1.header\n" : "hawk.1.response\n";
    out.append(artifacts.ts).append("\n");
    out.append(artifacts.nonce).append("\n");
    out.append(core::ascii_upper(artifacts.method)).append("\n");
    out.append(artifacts.resource).append("\n");
    out.append(core::ascii_lower(artifacts.host)).append("\n");
    out.append(std::to_string(artifacts.port)).append("\n");
    out.append(artifacts.hash).append("\n");
    out.append(escape_ext(artifacts.ext)).append("\n");
    if (artifacts.app) {
        out.append(*artifacts.app).append("\n");
        out.append(artifacts.dlg.value_or("")).append("\n");
    }
    return out;
}

std::string hawk_mac(HawkMacType type, const HawkCredentials& credentials,
                     const HawkArtifacts& artifacts) {
    return core::base64_encode(
        core::hmac_sha256(credentials.key, hawk_normalized_string(type, artifacts)));
}

std::string hawk_content_type(std::string_view content_type) {
    auto semicolon = content_type.find(';');
    return core::ascii_lower(core::trim(content_type.substr(0, semicolon)));
}

std::string hawk_payload_hash(std::string_view payload, std::string_view content_type) {
    std::string text = "hawk.1.payload\n";
    text.append(hawk_content_type(content_type)).append("\n");
    text.append(payload).append("\n");
    return core::base64_encode(core::sha256(text));
}

std::string hawk_timestamp_mac(std::string_view ts, const HawkCredentials& credentials) {
    std::string text = "hawk.1.ts\n";
    text.append(ts).append("\n");
    return core::base64_encode(core::hmac_sha256(credentials.key, text));
}

}  // namespace dss::auth
