// Hawk header grammar, as the reference implementation (npm hawk, utils.parseAuthorizationHeader)
// accepts it.
#include "auth/hawk_header.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace dss::auth {
namespace {

constexpr std::size_t kMaxHeaderLength = 4096;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// Printable ASCII except `"` and `\`, as hawk allows in attribute values.
bool is_value_character(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u <= 0x7E && c != '"' && c != '\\';
}

void skip_spaces(std::string_view& text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
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
    return iequals(header.substr(0, space), "Hawk");
}

HawkAttributes parse_hawk_attributes(std::string_view header, std::span<const std::string_view> allowed) {
    if (header.size() > kMaxHeaderLength) throw MalformedHawkHeader("Header length too long");
    auto space = header.find(' ');
    if (!iequals(header.substr(0, space), "Hawk")) {
        throw MalformedHawkHeader("Authorization scheme is not Hawk");
    }
    if (space == std::string_view::npos) throw MalformedHawkHeader("Invalid header syntax");
    std::string_view rest = header.substr(space + 1);

    HawkAttributes attributes;
    while (true) {
        skip_spaces(rest);
        if (rest.empty()) break;
        auto equals = rest.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            throw MalformedHawkHeader("Invalid header syntax");
        }
        auto name = rest.substr(0, equals);
        rest.remove_prefix(equals + 1);
        if (rest.empty() || rest.front() != '"') throw MalformedHawkHeader("Invalid header syntax");
        rest.remove_prefix(1);
        auto close = rest.find('"');
        if (close == std::string_view::npos) throw MalformedHawkHeader("Invalid header syntax");
        auto value = rest.substr(0, close);
        rest.remove_prefix(close + 1);

        if (!is_allowed(name, allowed)) {
            throw MalformedHawkHeader("Unknown attribute: " + std::string(name));
        }
        for (char c : value) {
            if (!is_value_character(c)) {
                throw MalformedHawkHeader("Bad attribute value: " + std::string(name));
            }
        }
        if (!attributes.emplace(std::string(name), std::string(value)).second) {
            throw MalformedHawkHeader("Duplicate attribute: " + std::string(name));
        }
        skip_spaces(rest);
        if (rest.empty()) break;
        if (rest.front() != ',') throw MalformedHawkHeader("Invalid header syntax");
        rest.remove_prefix(1);
    }
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
