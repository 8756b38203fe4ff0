#include "uploader/column_names.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "uploader/csv_check_error.hpp"

namespace dss::uploader {
namespace {

// The columns the L0 and L1 tables add to every upload (the reference's helper columns).
constexpr std::array<std::string_view, 3> kReservedNames = {"id", "datafile_created",
                                                            "data_source_row_id"};

std::string_view trimmed(std::string_view text) {
    constexpr std::string_view space = " \t\r\n\f\v";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

bool is_valid_name(std::string_view name) {
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (name.empty() || !lower(name[0])) return false;
    return std::all_of(name.begin(), name.end(),
                       [&](char c) { return lower(c) || digit(c) || c == '_'; });
}

std::string joined(const std::vector<std::string>& names, std::string_view open,
                   std::string_view close) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += ", ";
        out.append(open).append(name).append(close);
    }
    return out;
}

bool all_differ(const std::vector<std::string>& names) {
    std::unordered_map<std::string_view, int> seen;
    for (const auto& name : names) {
        if (++seen[name] > 1) return false;
    }
    return true;
}

// One round: each name that occurs more than once gets its occurrence number.
std::vector<std::string> number_repeats(const std::vector<std::string>& names) {
    std::unordered_map<std::string_view, std::size_t> total;
    for (const auto& name : names) ++total[name];
    std::unordered_map<std::string_view, std::size_t> so_far;
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& name : names) {
        if (total[name] > 1) {
            out.push_back(name + "_" + std::to_string(++so_far[name]));
        } else {
            out.push_back(name);
        }
    }
    return out;
}

}  // namespace

HeaderColumns header_columns(const std::vector<std::string>& header_fields) {
    HeaderColumns columns;
    columns.field_count = header_fields.size();
    for (std::size_t i = 0; i < header_fields.size(); ++i) {
        auto name = trimmed(header_fields[i]);
        if (name.empty()) continue;
        columns.names.emplace_back(name);
        columns.source_indexes.push_back(i);
    }
    return columns;
}

void check_name_syntax(const std::vector<std::string>& names) {
    std::vector<std::string> invalid;
    std::copy_if(names.begin(), names.end(), std::back_inserter(invalid),
                 [](const std::string& name) { return !is_valid_name(name); });
    if (invalid.empty()) return;
    throw CsvCheckError(
        "column headers must start with a letter and may only contain lowercase letters, "
        "numbers, and underscores. Invalid headers: " +
        joined(invalid, "\"", "\""));
}

void check_name_length(const std::vector<std::string>& names) {
    constexpr std::size_t kLongestName = 63;
    std::vector<std::string> too_long;
    std::copy_if(names.begin(), names.end(), std::back_inserter(too_long),
                 [](const std::string& name) { return name.size() > kLongestName; });
    if (too_long.empty()) return;
    throw CsvCheckError("column headers may be at most 63 characters long. Too long: " +
                        joined(too_long, "\"", "\""));
}

std::vector<std::string> make_unique_names(std::vector<std::string> names) {
    // As the reference did: each round separates every set of equal names; a name a suffix
    // makes can clash with one in the file (hello_1), which the next round separates.
    while (!all_differ(names)) names = number_repeats(names);
    return names;
}

void check_not_reserved(const std::vector<std::string>& names) {
    std::vector<std::string> reserved;
    std::copy_if(names.begin(), names.end(), std::back_inserter(reserved),
                 [](const std::string& name) {
                     return std::find(kReservedNames.begin(), kReservedNames.end(), name) !=
                            kReservedNames.end();
                 });
    if (reserved.empty()) return;
    auto listed = joined(reserved, "\u201C", "\u201D");
    if (reserved.size() == 1) {
        throw CsvCheckError(listed +
                            " in the uploaded file is a reserved column name. You must rename "
                            "that column in the data file.");
    }
    throw CsvCheckError(listed +
                        " in the uploaded file are reserved column names. You must rename those "
                        "columns in the data file.");
}

}  // namespace dss::uploader
