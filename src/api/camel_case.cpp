// The reference's camelCase rule, byte for byte (ASCII case mapping).
#include "api/camel_case.hpp"

#include <cctype>

#include "core/ascii_case.hpp"

namespace dss::api {

std::string to_camel_case(std::string_view name) {
    auto first = name.find_first_not_of('_');
    if (first == std::string_view::npos) return {};
    name = name.substr(first, name.find_last_not_of('_') - first + 1);
    std::string out;
    out.reserve(name.size());
    bool first_part = true;
    while (!name.empty()) {
        auto underscore = name.find('_');
        auto part = name.substr(0, underscore);
        name =
            underscore == std::string_view::npos ? std::string_view{} : name.substr(underscore + 1);
        if (part.empty()) continue;  // a run of underscores
        if (first_part) {
            out.append(part);
            first_part = false;
            continue;
        }
        out += core::ascii_upper(part.front());
        out.append(core::ascii_lower(part.substr(1)));
    }
    return out;
}

}  // namespace dss::api
