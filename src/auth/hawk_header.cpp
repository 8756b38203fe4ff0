// Hawk header grammar, as the reference implementation (npm hawk, utils.parseAuthorizationHeader)
// accepts it.
#include "auth/hawk_header.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/ascii_case.hpp"

namespace dss::auth {
namespace {

constexpr std::size_t kMaxHeaderLength = 4096;

// Printable ASCII except `"` and `\`, as hawk allows in attribute values.
bool is_value_character(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u <= 0x7E && c != '"' && c != '\\';
}

void skip_spaces(std::string_view& text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
}

bool is_word_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

struct AttributeMatch {
    std::string_view name;
    std::string_view value;
    std::size_t end;
};

// Matches `\w+="[^"\\]*"\s*(,\s*|$)` at `start`.
std::optional<AttributeMatch> match_attribute(std::string_view text, std::size_t start) {
    auto position = start;
    while (position < text.size() && is_word_character(text[position])) ++position;
    if (position == start || position + 1 >= text.size() || text[position] != '=' ||
        text[position + 1] != '"') {
        return std::nullopt;
    }
    auto name = text.substr(start, position - start);
    auto value_start = position + 2;
    auto value_end = text.find_first_of("\"\\", value_start);
    if (value_end == std::string_view::npos || text[value_end] != '"') return std::nullopt;
    position = value_end + 1;
    while (position < text.size() && (text[position] == ' ' || text[position] == '\t')) ++position;
    if (position < text.size()) {
        if (text[position] != ',') return std::nullopt;
        ++position;
        while (position < text.size() && (text[position] == ' ' || text[position] == '\t'))
            ++position;
    }
    return AttributeMatch{name, text.substr(value_start, value_end - value_start), position};
}

bool is_allowed(std::string_view name, std::span<const std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
}

std::optional<std::string> take(HawkAttributes& attributes, std::string_view name) {
    auto found = attributes.find(name);
    if (found == attributes.end()) return std::nullopt;
    return std::move(found->second);
}

}  // namespace

bool is_hawk_scheme(std::string_view header) {
    auto space = header.find(' ');
    return core::ascii_iequals(header.substr(0, space), "Hawk");
}

HawkAttributes parse_hawk_attributes(std::string_view header,
                                     std::span<const std::string_view> allowed) {
    if (header.size() > kMaxHeaderLength) throw MalformedHawkHeader("Header length too long");
    auto scheme_end = header.find_first_of(" \t");
    if (!core::ascii_iequals(header.substr(0, scheme_end), "Hawk")) {
        throw MalformedHawkHeader("Authorization scheme is not Hawk");
    }
    std::string_view rest =
        scheme_end == std::string_view::npos ? std::string_view{} : header.substr(scheme_end);
    skip_spaces(rest);
    if (rest.empty()) throw MalformedHawkHeader("Invalid header syntax");

    // Like hawk, find every `name="value"` followed by a comma or the end; anything between
    // them makes the header malformed, and the last attribute error is the one reported.
    HawkAttributes attributes;
    std::string error;
    bool leftover = false;
    std::size_t position = 0;
    while (position < rest.size()) {
        auto match = match_attribute(rest, position);
        if (!match) {
            leftover = true;
            ++position;
            continue;
        }
        position = match->end;
        if (!is_allowed(match->name, allowed)) {
            error = "Unknown attribute: " + std::string(match->name);
        } else if (match->value.empty() ||
                   !std::all_of(match->value.begin(), match->value.end(), is_value_character)) {
            error = "Bad attribute value: " + std::string(match->name);
        } else if (!attributes.emplace(std::string(match->name), std::string(match->value))
                        .second) {
            error = "Duplicate attribute: " + std::string(match->name);
        }
    }
    if (!error.empty()) throw MalformedHawkHeader(error);
    if (leftover) throw MalformedHawkHeader("Bad header format");
    return attributes;
}

HawkAuthorization parse_hawk_authorization(std::string_view header) {
    auto attributes = parse_hawk_attributes(header);
    HawkAuthorization parsed;
    for (auto [name, target] : {std::pair{"id", &parsed.id}, std::pair{"ts", &parsed.ts},
                                std::pair{"nonce", &parsed.nonce}, std::pair{"mac", &parsed.mac}}) {
        auto value = take(attributes, name);
        if (!value || value->empty()) throw MalformedHawkHeader("Missing attributes");
        *target = std::move(*value);
    }
    parsed.hash = take(attributes, "hash");
    parsed.ext = take(attributes, "ext");
    parsed.app = take(attributes, "app");
    parsed.dlg = take(attributes, "dlg");
    return parsed;
}

}  // namespace dss::auth
