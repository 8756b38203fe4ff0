#include "formats/xbrl/fact_values.hpp"

#include <cmath>
#include <string_view>

#include "formats/xbrl/dateutil_date.hpp"
#include "formats/xbrl/document_error.hpp"
#include "formats/xbrl/python_values.hpp"

namespace dss::formats::xbrl {
namespace {

// Names the element in a reason: its name and contextRef.
std::string describe(pugi::xml_node element) {
    std::string text = element.name();
    if (auto attribute = element.attribute("name")) text += std::string(" ") + attribute.value();
    if (auto context = element.attribute("contextRef"))
        text += std::string(" (contextRef ") + context.value() + ")";
    return text;
}

// Text for a TSV-free COPY: line breaks, tabs and carriage returns become spaces and double
// quotes go, as the reference removed them (it kept tabs and \r, which broke its rows).
std::string cleaned_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '"') continue;
        out += c == '\n' || c == '\t' || c == '\r' ? ' ' : c;
    }
    return out;
}

// On each line, everything up to the last ": " goes (`2019: 1` is 1).
std::string after_last_colon_space(std::string_view text) {
    std::string out;
    while (true) {
        auto end = text.find('\n');
        auto line = text.substr(0, end);
        auto colon = line.rfind(": ");
        out += colon == std::string_view::npos ? line : line.substr(colon + 2);
        if (end == std::string_view::npos) return out;
        out += '\n';
        text.remove_prefix(end + 1);
    }
}

// sign x float(text without commas) x 10**int(scale), written as Python's repr.
std::string number_value(pugi::xml_node element, std::string_view text) {
    std::string digits;
    for (char c : text)
        if (c != ',') digits += c;
    auto number = parse_python_float(digits);
    if (!number) {
        throw DocumentError(describe(element) + ": '" + std::string(text) + "' is not a number");
    }
    std::string_view scale_text = element.attribute("scale").as_string("0");
    auto scale = parse_python_int(scale_text);
    if (!scale) {
        throw DocumentError(describe(element) + ": scale '" + std::string(scale_text) +
                            "' is not an integer");
    }
    if (*scale > 308) {
        throw DocumentError(describe(element) + ": scale " + std::string(scale_text) +
                            " is too large");
    }
    // 10**scale is an integer for scale >= 0 (converted exactly rounded) and a float power
    // below; both are what from_chars and pow give for "1e<scale>".
    // Most facts have no scale: no power to work out for them.
    double factor = 1.0;
    if (*scale > 0) factor = *parse_python_float("1e" + std::to_string(*scale));
    if (*scale < 0) factor = std::pow(10.0, static_cast<double>(*scale));
    double sign = std::string_view(element.attribute("sign").value()) == "-" ? -1.0 : 1.0;
    return python_float_repr(sign * *number * factor);
}

std::optional<std::string> typed_value(pugi::xml_node element, ValueType type, std::string_view raw,
                                       std::chrono::year_month_day today) {
    auto text = python_strip(raw);
    if (text.empty() || text == "-") return std::nullopt;
    switch (type) {
        case ValueType::text: {
            // The reference's NULL was the text "None": such a value is NULL, and the next
            // lookup is tried.
            auto cleaned = cleaned_text(text);
            if (cleaned == "None") return std::nullopt;
            return cleaned;
        }
        case ValueType::number:
            return number_value(element, text);
        case ValueType::number_after_colon:
            return typed_value(element, ValueType::number, after_last_colon_space(raw), today);
        case ValueType::date:
            try {
                return parse_dateutil_date(text, today);
            } catch (const std::invalid_argument& error) {
                throw DocumentError(describe(element) + ": " + error.what());
            }
        case ValueType::boolean:
            if (text == "true" || text == "false") return std::string(text);
            return std::nullopt;
        case ValueType::reversed_boolean:
            if (text == "true") return "false";
            if (text == "false") return "true";
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> leading_text(pugi::xml_node element) {
    std::optional<std::string> text;
    for (auto child = element.first_child(); child; child = child.next_sibling()) {
        if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) break;
        text = text.value_or("") + child.value();
    }
    return text;
}

std::optional<std::string> fact_value(pugi::xml_node element, ValueType type,
                                      std::chrono::year_month_day today) {
    auto raw = leading_text(element);
    if (!raw) return std::nullopt;
    return typed_value(element, type, *raw, today);
}

}  // namespace dss::formats::xbrl
