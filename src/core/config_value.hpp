// One configuration value after placeholder substitution, with the place it came from.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace dss::core {

struct ConfigValue {
    // null (an empty YAML value), text, an integer or a boolean, as the reference typed them.
    std::variant<std::monostate, std::string, std::int64_t, bool> value;
    // The file (or variable, such as VCAP_SERVICES) that set the value, for error messages.
    std::string origin;

    bool is_null() const { return std::holds_alternative<std::monostate>(value); }
    // The value as text: integers in decimal, booleans as True/False, null as "".
    std::string text() const;
};

// The reference's coercion after substitution: only digits -> integer, exactly True/False ->
// boolean, anything else stays text.
ConfigValue coerce_scalar(std::string text, std::string origin);

}  // namespace dss::core
