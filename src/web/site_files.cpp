// The data folder: an explicit setting first, then the source tree compiled in.
#include "web/site_files.hpp"

#include <cstdlib>

#include "core/errors.hpp"

#ifndef DSS_SOURCE_DIR
#error "DSS_SOURCE_DIR must name the source tree (set by src/CMakeLists.txt)"
#endif

namespace dss::web {

SiteFiles find_site_files() {
    const char* configured = std::getenv("DSS_DATA_DIR");
    std::filesystem::path root =
        configured != nullptr && *configured != '\0' ? configured : DSS_SOURCE_DIR;
    SiteFiles files{root / "templates", root / "web" / "dist"};
    if (!std::filesystem::is_directory(files.templates)) {
        throw core::ConfigError("the staff pages' templates are not in " +
                                files.templates.string() + " (DSS_DATA_DIR)");
    }
    if (!std::filesystem::is_regular_file(files.assets / "uploader.css")) {
        throw core::ConfigError("the staff pages' assets are not built in " +
                                files.assets.string() + ": run scripts/build-web.sh");
    }
    return files;
}

}  // namespace dss::web
