// ASCII-only case conversion and comparison, for protocol tokens, header names and file
// extensions: unlike std::locale-aware helpers, the result never depends on the environment.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace dss::core {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ascii_lower(c); });
    return out;
}

inline std::string ascii_upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ascii_upper(c); });
    return out;
}

constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

constexpr bool ascii_istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && ascii_iequals(text.substr(0, prefix.size()), prefix);
}

constexpr bool ascii_iends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           ascii_iequals(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace dss::core
