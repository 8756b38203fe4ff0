// Values that mean "no value" in uploaded CSVs (the reference's CSV_NULL_VALUES): they load as
// NULL and say nothing about a column's type.
#pragma once

#include <array>
#include <string_view>

namespace dss::uploader {

inline constexpr std::array<std::string_view, 4> kNullMarkers = {"NULL", "None", "N/A", "''"};

// Whole values only: the reference replaced the markers inside values too, turning
// "NULLABLE" into "ABLE" and "N/A/B" into "/B"; a value merely containing one is data.
constexpr bool is_null_marker(std::string_view value) {
    for (auto marker : kNullMarkers) {
        if (value == marker) return true;
    }
    return false;
}

// `value`, or "" when it is a null marker.
constexpr std::string_view blank_null_marker(std::string_view value) {
    return is_null_marker(value) ? std::string_view() : value;
}

}  // namespace dss::uploader
