#include "formats/zip_writer.hpp"

#include <zip.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace dss::formats {
namespace {

struct SourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using SourceHandle = std::unique_ptr<zip_source_t, SourceFree>;

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
    std::string why = zip_error_strerror(error);
    zip_error_fini(error);
    throw std::runtime_error("cannot build a zip: " + what + ": " + why);
}

// Reads back what libzip wrote into the buffer source.
std::string contents_of(zip_source_t* buffer) {
    if (zip_source_open(buffer) < 0) fail("reopening", zip_source_error(buffer));
    std::string bytes;
    std::array<char, 1 << 14> chunk{};
    zip_int64_t count = 0;
    while ((count = zip_source_read(buffer, chunk.data(), chunk.size())) > 0)
        bytes.append(chunk.data(), static_cast<std::size_t>(count));
    zip_source_close(buffer);
    if (count < 0) fail("reading back", zip_source_error(buffer));
    return bytes;
}

}  // namespace

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& members) {
    zip_error_t error;
    zip_error_init(&error);
    SourceHandle buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) fail("creating the buffer", &error);
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (archive == nullptr) fail("opening", &error);
    // The archive would free the buffer on close; keep it to read the result.
    zip_source_keep(buffer.get());
    for (const auto& [name, content] : members) {
        // The contents outlive zip_close, so libzip may read them in place.
        zip_source_t* member = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (member == nullptr ||
            zip_file_add(archive, name.c_str(), member, ZIP_FL_ENC_UTF_8) < 0) {
            if (member != nullptr) zip_source_free(member);
            std::string why = zip_strerror(archive);
            zip_discard(archive);
            throw std::runtime_error(
                std::string("cannot build a zip: adding ").append(name).append(": ").append(why));
        }
    }
    if (zip_close(archive) < 0) {
        std::string why = zip_strerror(archive);
        zip_discard(archive);
        throw std::runtime_error("cannot build a zip: " + why);
    }
    return contents_of(buffer.get());
}

}  // namespace dss::formats
