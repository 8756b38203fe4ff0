#include "formats/spooled_file.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace dss::formats {
namespace {

using File = std::unique_ptr<std::FILE, decltype(&std::fclose)>;

class SpooledStream final : public storage::InputStream {
   public:
    SpooledStream(File file, std::uint64_t size) : file_(std::move(file)), size_(size) {}
    std::size_t read(char* buffer, std::size_t size) override {
        auto count = std::fread(buffer, 1, size, file_.get());
        if (count < size && std::ferror(file_.get()) != 0)
            throw std::runtime_error("reading a temporary file failed");
        return count;
    }
    std::uint64_t size() const override { return size_; }
    void seek(std::uint64_t offset) override {
        if (::fseeko(file_.get(), static_cast<off_t>(offset), SEEK_SET) != 0)
            throw std::runtime_error("cannot seek in a temporary file");
    }

   private:
    File file_;
    std::uint64_t size_;
};

}  // namespace

std::unique_ptr<storage::InputStream> spool_to_temporary_file(storage::InputStream& input,
                                                              std::uint64_t limit,
                                                              const std::string& name) {
    // In $TMPDIR (std::tmpfile always uses /tmp, often memory), unlinked at once.
    const char* folder = std::getenv("TMPDIR");
    std::string path =
        std::string(folder != nullptr && *folder != '\0' ? folder : "/tmp") + "/dss-spool-XXXXXX";
    int descriptor = ::mkstemp(path.data());
    if (descriptor < 0) throw std::runtime_error("cannot create a temporary file for " + name);
    ::unlink(path.c_str());
    File file(::fdopen(descriptor, "w+b"), &std::fclose);
    if (file == nullptr) {
        ::close(descriptor);
        throw std::runtime_error("cannot open a temporary file for " + name);
    }
    std::array<char, 1 << 16> buffer{};
    std::uint64_t size = 0;
    while (auto count = input.read(buffer.data(), buffer.size())) {
        size += count;
        if (size > limit) {
            throw std::runtime_error(name + " expands past " + std::to_string(limit) +
                                     " bytes (DSS_ZIP_MEMBER_LIMIT)");
        }
        if (std::fwrite(buffer.data(), 1, count, file.get()) != count)
            throw std::runtime_error("cannot write a temporary file for " + name + " (disk full?)");
    }
    std::rewind(file.get());
    return std::make_unique<SpooledStream>(std::move(file), size);
}

}  // namespace dss::formats
