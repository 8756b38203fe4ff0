// Parsing the `Authorization: Hawk ...` request header.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dss::auth {

// The header is not Hawk at all or not well formed: the server answers 400 with the reason.
class MalformedHawkHeader : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

struct HawkAuthorization {
    std::string id;
    std::string ts;
    std::string nonce;
    std::string mac;
    std::optional<std::string> hash;
    std::optional<std::string> ext;
    std::optional<std::string> app;
    std::optional<std::string> dlg;
};

// Attribute name -> value of a Hawk header (request Authorization or Server-Authorization).
using HawkAttributes = std::map<std::string, std::string, std::less<>>;

// The common grammar: `Hawk name="value", ...`, known names only, each at most once, values
// without `"` or `\`. Throws MalformedHawkHeader.
// `allowed` lists the attribute names this header may carry.
inline constexpr std::array<std::string_view, 8> kRequestAttributes = {
    "id", "ts", "nonce", "mac", "hash", "ext", "app", "dlg"};
inline constexpr std::array<std::string_view, 3> kChallengeAttributes = {"ts", "tsm", "error"};
HawkAttributes parse_hawk_attributes(
    std::string_view header, std::span<const std::string_view> allowed = kRequestAttributes);

// True when the header uses the Hawk scheme (case-insensitive), whatever follows.
bool is_hawk_scheme(std::string_view header);

// Parses `Hawk id="..", ts="..", ...`: attributes in any order, each at most once, values in
// double quotes without `"` or `\`. Throws MalformedHawkHeader naming the problem.
HawkAuthorization parse_hawk_authorization(std::string_view header);

}  // namespace dss::auth
