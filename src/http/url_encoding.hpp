// Percent-encoding of URL parts, both ways.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dss::http {

// Encodes every byte but ASCII letters, digits, "-._~" and the characters in `keep` as %XX
// (upper-case hex, as AWS SigV4 requires).
std::string percent_encode(std::string_view text, std::string_view keep = {});

// name=value pairs joined with '&', each part percent-encoded: a query string or an
// application/x-www-form-urlencoded body.
std::string form_encode(
    std::initializer_list<std::pair<std::string_view, std::string_view>> fields);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// Decodes %XX escapes; with `plus_is_space` also '+' (query strings). Invalid escapes are kept
// as they are, as browsers do.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace dss::http
