// The reference's ignore list, applied to every component of a path.
#include "pipelines/ignore_rules.hpp"

#include <array>

namespace dss::pipelines {
namespace {

bool is_ignored_component(std::string_view component) {
    static constexpr std::array<std::string_view, 5> kExact = {
        "[Content_Types].xml", ".DS_Store", ".gitignore", "__MACOSX", "datafile_register.csv"};
    for (auto name : kExact) {
        if (component == name) return true;
    }
    return component.starts_with("__MACOSX");
}

}  // namespace

bool is_ignored(std::string_view relative_name) {
    while (!relative_name.empty()) {
        auto slash = relative_name.find('/');
        if (is_ignored_component(relative_name.substr(0, slash))) return true;
        if (slash == std::string_view::npos) break;
        relative_name.remove_prefix(slash + 1);
    }
    return false;
}

}  // namespace dss::pipelines
