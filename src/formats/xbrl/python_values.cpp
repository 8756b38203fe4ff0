#include "formats/xbrl/python_values.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

#include "core/ascii_text.hpp"

namespace dss::formats::xbrl {
namespace {

// The code point at the start of `text` and its length in bytes; {0, 0} when it is not a
// well-formed sequence (such bytes are never whitespace).
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 0;
};

CodePoint first_code_point(std::string_view text) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    if (text.empty()) return {};
    if (byte(0) < 0x80) return {byte(0), 1};
    std::size_t length = byte(0) >= 0xF0 ? 4 : byte(0) >= 0xE0 ? 3 : byte(0) >= 0xC0 ? 2 : 0;
    if (length == 0 || text.size() < length) return {};
    char32_t value = byte(0) & (0x3F >> (length - 1));
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return {};
        value = (value << 6) | (byte(i) & 0x3F);
    }
    return {value, length};
}

// Py_UNICODE_ISSPACE.
bool is_python_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

// Where the trailing whitespace of `text` starts.
std::size_t end_without_space(std::string_view text) {
    std::size_t end = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        auto point = first_code_point(text.substr(i));
        if (point.length == 0) {
            end = ++i;
            continue;
        }
        i += point.length;
        if (!is_python_space(point.value)) end = i;
    }
    return end;
}

bool iequals(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

// Appends the digits at the front of `text` to `out` without their underscores (allowed only
// between two digits); returns how many characters were taken, 0 when no digit leads.
std::size_t take_digits(std::string_view text, std::string& out) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (core::is_ascii_digit(text[i])) {
            out += text[i++];
        } else if (text[i] == '_' && i > 0 && i + 1 < text.size() &&
                   core::is_ascii_digit(text[i + 1])) {
            ++i;
        } else {
            break;
        }
    }
    return i;
}

// float()'s grammar for finite numbers, written out without underscores for from_chars.
std::optional<std::string> finite_number_text(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) out += text[i++];
    auto whole = take_digits(text.substr(i), out);
    i += whole;
    std::size_t fraction = 0;
    if (i < text.size() && text[i] == '.') {
        out += text[i++];
        fraction = take_digits(text.substr(i), out);
        i += fraction;
    }
    if (whole == 0 && fraction == 0) return std::nullopt;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        out += text[i++];
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) out += text[i++];
        auto exponent = take_digits(text.substr(i), out);
        if (exponent == 0) return std::nullopt;
        i += exponent;
    }
    if (i != text.size()) return std::nullopt;
    return out;
}

}  // namespace

std::size_t python_space_length(std::string_view text) {
    auto point = first_code_point(text);
    return point.length > 0 && is_python_space(point.value) ? point.length : 0;
}

std::string_view python_strip(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
        auto point = first_code_point(text.substr(start));
        if (point.length == 0 || !is_python_space(point.value)) break;
        start += point.length;
    }
    text.remove_prefix(start);
    return text.substr(0, end_without_space(text));
}

std::optional<double> parse_python_float(std::string_view text) {
    text = python_strip(text);
    bool negative = !text.empty() && text.front() == '-';
    auto unsigned_text = text;
    if (!text.empty() && (text.front() == '-' || text.front() == '+'))
        unsigned_text.remove_prefix(1);
    if (iequals(unsigned_text, "inf") || iequals(unsigned_text, "infinity"))
        return negative ? -HUGE_VAL : HUGE_VAL;
    if (iequals(unsigned_text, "nan")) return std::nan("");
    auto number = finite_number_text(text);
    if (!number) return std::nullopt;
    // from_chars takes no '+', and rounds correctly as Python does.
    std::string_view digits = *number;
    if (digits.front() == '+') digits.remove_prefix(1);
    double value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (end != digits.data() + digits.size()) return std::nullopt;
    if (error == std::errc::result_out_of_range) {
        // Python gives inf for too large and 0 for too small, never an error; strtod says which
        // (the "C" locale: dss never sets another).
        std::string terminated(digits);
        value = std::strtod(terminated.c_str(), nullptr);
    }
    return value;
}

std::optional<std::int64_t> parse_python_int(std::string_view text) {
    text = python_strip(text);
    std::string digits;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        if (text[i] == '-') digits += '-';
        ++i;
    }
    auto taken = take_digits(text.substr(i), digits);
    if (taken == 0 || i + taken != text.size()) return std::nullopt;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
}

std::string python_float_repr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    std::string sign = std::signbit(value) ? "-" : "";
    if (value == 0) return sign + "0.0";
    // Shortest round-trip digits, in scientific form: d.ddde[+-]x.
    std::array<char, 64> buffer{};
    auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                      std::fabs(value), std::chars_format::scientific);
    std::string_view scientific(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    auto e = scientific.find('e');
    std::string digits;
    for (char c : scientific.substr(0, e))
        if (c != '.') digits += c;
    int exponent = 0;
    auto exponent_text = scientific.substr(e + 1);
    if (exponent_text.front() == '+') exponent_text.remove_prefix(1);
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    // Python's decpt: the value is 0.<digits> x 10^decpt.
    int point = exponent + 1;
    auto count = static_cast<int>(digits.size());
    if (point > -4 && point <= 16) {
        if (point <= 0)
            return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
        if (point >= count)
            return sign + digits + std::string(static_cast<std::size_t>(point - count), '0') + ".0";
        return sign + digits.substr(0, static_cast<std::size_t>(point)) + "." +
               digits.substr(static_cast<std::size_t>(point));
    }
    std::string mantissa = digits.substr(0, 1);
    if (count > 1) mantissa += "." + digits.substr(1);
    auto magnitude = std::to_string(std::abs(exponent));
    if (magnitude.size() < 2) magnitude.insert(0, "0");
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + magnitude;
}

}  // namespace dss::formats::xbrl
