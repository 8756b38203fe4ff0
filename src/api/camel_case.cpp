// The reference's camelCase rule, byte for byte (ASCII case mapping).
#include "api/camel_case.hpp"

#include <cctype>

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
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(part.front())));
        for (char c : part.substr(1))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace dss::api
