// Writing CSV for COPY: one home for quoting a value, which readers that write their own CSV
// (HMRC exporters, Companies House accounts) share.
#pragma once

#include <string>
#include <string_view>

namespace dss::formats {

// Appends `value` as one quoted CSV field, its double quotes doubled: always a value, never
// NULL, even when empty.
inline void append_csv_quoted(std::string& out, std::string_view value) {
    out += '"';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace dss::formats
