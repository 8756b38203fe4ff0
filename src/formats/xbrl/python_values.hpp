// Values read and written the way the reference's Python did, so that Companies House rows
// equal the reference's (pipelines.md 3.10): str.strip(), float(), int() and repr(float).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dss::formats::xbrl {

// `text` (UTF-8) without the leading and trailing characters Python's str.isspace() accepts:
// ASCII whitespace, \x1c-\x1f, and Unicode spaces such as U+00A0 (&nbsp;), which inline XBRL
// is full of.
std::string_view python_strip(std::string_view text);

// The bytes of the character at the start of `text` when str.isspace() accepts it, else 0.
std::size_t python_space_length(std::string_view text);

// Python's float(text): surrounding whitespace, a sign, digits with single underscores between
// them, a fraction, an exponent, or inf/infinity/nan in any case. nullopt where Python raises.
std::optional<double> parse_python_float(std::string_view text);

// Python's int(text) for a decimal number; nullopt where Python raises or past 64 bits.
std::optional<std::int64_t> parse_python_int(std::string_view text);

// Python's repr(value): the shortest digits that read back the same, in positional notation
// with at least one decimal ("96264.0", "0.0001") unless the decimal point would sit more than
// 16 places right or 4 places left of the first digit ("1e+16", "1e-05"); "inf", "nan".
std::string python_float_repr(double value);

}  // namespace dss::formats::xbrl
