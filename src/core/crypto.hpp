// Thin wrappers over OpenSSL for the digests, MACs and encodings dss needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dss::core {

// Raw 32-byte digests.
std::string sha256(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

std::string base64_encode(std::string_view bytes);
std::string hex_encode(std::string_view bytes);
// RFC 4648 section 5 without padding, for cookies and URLs; decoding refuses anything else.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Compares without revealing through timing where the first difference is.
bool constant_time_equals(std::string_view a, std::string_view b);

// Cryptographically strong random bytes (nonces, demo keys).
std::string random_bytes(std::size_t count);
// Random text of `length` characters from [A-Za-z0-9].
std::string random_token(std::size_t length);

}  // namespace dss::core
