// An element's value as the reference read it (pipelines.md 3.10, "Value parsing"): its own
// leading text, stripped, then as text, a number (sign, scale, thousands commas), a number
// after "2019: ", a date as dateutil reads it, or true/false.
#pragma once

#include <chrono>
#include <optional>
#include <pugixml.hpp>
#include <string>

#include "formats/xbrl/accounts_columns.hpp"

namespace dss::formats::xbrl {

// nullopt is NULL. Throws DocumentError, naming the element and the text, where the reference
// raised (a number it cannot read, a date dateutil refuses).
std::optional<std::string> fact_value(pugi::xml_node element, ValueType type,
                                      std::chrono::year_month_day today);

// The text before an element's first child element, comment or instruction (lxml's `.text`);
// nullopt when there is none.
std::optional<std::string> leading_text(pugi::xml_node element);

}  // namespace dss::formats::xbrl
