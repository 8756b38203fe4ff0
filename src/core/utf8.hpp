// Checks of text that arrives from outside (URLs, file names) before it reaches PostgreSQL,
// which refuses invalid UTF-8 with an error and cuts parameters at a NUL byte.
#pragma once

#include <string>
#include <string_view>

namespace dss::core {

// Well-formed UTF-8 (RFC 3629): no overlong forms (%C0%AF), no surrogates, nothing past
// U+10FFFF, no truncated sequence.
bool is_valid_utf8(std::string_view text);

// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so that text
// from a document can go into a message or a registry row.
std::string to_valid_utf8(std::string_view text);

// Any C0 control character (NUL, tab, newline...) or DEL.
bool has_control_characters(std::string_view text);

}  // namespace dss::core
