// Files a source folder or a zip may hold that are never data (pipelines.md 2.2, decision 6).
#pragma once

#include <string_view>

namespace dss::pipelines {

// True for `.DS_Store`, `.gitignore`, `__MACOSX...`, `[Content_Types].xml`,
// `datafile_register.csv` at any depth: `sub/.DS_Store` and `__MACOSX/x.csv` too (the reference
// matched only whole names at the top, which let nested ones through).
bool is_ignored(std::string_view relative_name);

}  // namespace dss::pipelines
