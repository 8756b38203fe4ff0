#include "storage/storage_path.hpp"

#include <stdexcept>

namespace dss::storage {

std::string normalise_folder(std::string_view folder) {
    const std::string original(folder);
    std::string normalised;
    while (!folder.empty()) {
        auto slash = folder.find('/');
        auto part = folder.substr(0, slash);
        folder.remove_prefix(slash == std::string_view::npos ? folder.size() : slash + 1);
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            throw std::invalid_argument("folder leaves the storage root: '" + original + "'");
        }
        if (!normalised.empty()) normalised += '/';
        normalised += part;
    }
    return normalised;
}

std::string join_folders(std::string_view parent, std::string_view child) {
    auto first = normalise_folder(parent);
    auto second = normalise_folder(child);
    if (first.empty()) return second;
    if (second.empty()) return first;
    return first + "/" + second;
}

std::optional<std::string> relative_to(std::string_view name, std::string_view folder) {
    if (folder.empty()) return std::string(name);
    if (name.size() <= folder.size() + 1 || !name.starts_with(folder) ||
        name[folder.size()] != '/') {
        return std::nullopt;
    }
    return std::string(name.substr(folder.size() + 1));
}

std::string base_name(std::string_view name) {
    auto slash = name.rfind('/');
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

}  // namespace dss::storage
