// libzip in write mode, for fixtures.
#include "support/zip_maker.hpp"

#include <zip.h>

#include <stdexcept>

namespace dss::test {

void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& members) {
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("cannot create " + path.string());
    for (const auto& [name, content] : members) {
        // libzip reads the buffer at zip_close, so keep it alive: copy it into libzip's care.
        auto* copy = static_cast<char*>(std::malloc(content.size() + 1));
        std::copy(content.begin(), content.end(), copy);
        zip_source_t* source = zip_source_buffer(archive, copy, content.size(), 1);
        if (source == nullptr ||
            zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_discard(archive);
            throw std::runtime_error("cannot add " + name + " to " + path.string());
        }
    }
    if (zip_close(archive) != 0) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace dss::test
