// ASCII character classes and trimming for formats and protocols, where "digit" means 0-9 and
// nothing a locale might add.
#pragma once

#include <algorithm>
#include <string_view>

namespace dss::core {

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True for a non-empty text of digits only.
constexpr bool all_ascii_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), is_ascii_digit);
}

// `text` without the leading and trailing characters found in `characters`.
constexpr std::string_view trim(std::string_view text, std::string_view characters = " \t") {
    auto first = text.find_first_not_of(characters);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(characters) - first + 1);
}

}  // namespace dss::core
