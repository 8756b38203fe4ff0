// Folder names inside a storage root, as settings and source definitions give them: one spelling
// for each folder, so that stripping a folder from a listed name never cuts a character too many.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dss::storage {

// "datasets/", "/datasets", "datasets//x/./" -> "datasets", "datasets/x"; "" and "/" -> "".
// Throws std::invalid_argument for a folder that climbs out with "..".
std::string normalise_folder(std::string_view folder);

// Both normalised and joined with one '/'; either may be empty.
std::string join_folders(std::string_view parent, std::string_view child);

// The last part of a '/'-separated name: "datasets/a/b.zip" -> "b.zip".
std::string base_name(std::string_view name);

// `name` relative to `folder` ("" is the root), or nullopt when `name` is not inside it.
std::optional<std::string> relative_to(std::string_view name, std::string_view folder);

}  // namespace dss::storage
