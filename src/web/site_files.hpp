// Where the staff pages' templates and built assets are: DSS_DATA_DIR when set, else the
// folder the binary was built from (a build tree, `make run`), so one binary finds its pages
// without installing anything.
#pragma once

#include <filesystem>

namespace dss::web {

struct SiteFiles {
    std::filesystem::path templates;  // *.mustache
    std::filesystem::path assets;     // web/dist: uploader.css, uploader.js, assets/...
};

// Throws core::ConfigError naming the folder when either is missing (assets are built by
// scripts/build-web.sh, which `make build` runs).
SiteFiles find_site_files();

}  // namespace dss::web
