// The built stylesheets, scripts, fonts and images of the staff pages, served from one folder.
#pragma once

#include <filesystem>

#include "http/router.hpp"

namespace dss::web {

// A handler for a route ending in "{file...}": that file of `folder` with its content type, or
// 404. Only regular files under `folder` are
// served; the router has already refused "..", empty segments and encoded slashes.
http::Handler static_files(std::filesystem::path folder);

}  // namespace dss::web
