// Small zip files built in memory with libzip (deflated members, in the order given): the
// bundled sample and test fixtures. Large files are never zipped by dss itself.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace dss::formats {

// (member path, content) pairs; returns the bytes of the zip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& members);

}  // namespace dss::formats
