// Fixtures written to disk from the in-memory zip writer.
#include "support/zip_maker.hpp"

#include <fstream>
#include <stdexcept>

#include "formats/zip_writer.hpp"

namespace dss::test {

void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& members) {
    auto bytes = formats::make_zip(members);
    std::ofstream file(path, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!file) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace dss::test
