// Coercion rules for configuration scalars.
#include "core/config_value.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace dss::core {

std::string ConfigValue::text() const {
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(std::int64_t n) const { return std::to_string(n); }
        std::string operator()(bool b) const { return b ? "True" : "False"; }
    };
    return std::visit(Visitor{}, value);
}

ConfigValue coerce_scalar(std::string text, std::string origin) {
    bool all_digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (all_digits) {
        std::int64_t number = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        // Too many digits for 64 bits: keep the text rather than invent a number.
        if (error == std::errc() && end == text.data() + text.size()) {
            return {number, std::move(origin)};
        }
    }
    if (text == "True") return {true, std::move(origin)};
    if (text == "False") return {false, std::move(origin)};
    return {std::move(text), std::move(origin)};
}

}  // namespace dss::core
