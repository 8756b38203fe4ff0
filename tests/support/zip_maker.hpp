// Writes zip files for tests.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace dss::test {

// (member path, content) pairs, stored in this order.
void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace dss::test
