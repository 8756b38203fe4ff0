// Percent-encoding of URL parts, both ways.
#pragma once

#include <string>
#include <string_view>

namespace dss::http {

// Encodes every byte but ASCII letters, digits, "-._~" and the characters in `keep` as %XX
// (upper-case hex, as AWS SigV4 requires).
std::string percent_encode(std::string_view text, std::string_view keep = {});

// Decodes %XX escapes; with `plus_is_space` also '+' (query strings). Invalid escapes are kept
// as they are, as browsers do.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace dss::http
