// Reading zip members as streams, straight from storage (local or S3 ranged reads): the
// central directory is read by seeking, members are inflated chunk by chunk (libzip).
#pragma once

#include <zip.h>

#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "storage/storage.hpp"

namespace dss::formats {

class ZipArchive {
   public:
    // Throws std::runtime_error naming `name` when it is not a readable zip (truncated, other).
    // A member that declares or inflates to more than `member_limit` bytes is refused when
    // opened or read (a zip bomb).
    ZipArchive(std::unique_ptr<storage::InputStream> input, std::string name,
               std::uint64_t member_limit = std::numeric_limits<std::uint64_t>::max());
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;
    ~ZipArchive();

    // Member paths in zip order, folders left out; `index` of open() is the position here.
    const std::vector<std::string>& members() const { return members_; }
    // A stream of the inflated member; valid while the archive lives. seek() is not supported.
    std::unique_ptr<storage::InputStream> open(std::size_t index);
    // Bytes of the zip read so far (members are read in order, so this is progress) and
    // its size.
    std::uint64_t bytes_consumed() const;
    std::uint64_t input_size() const;

    // Used by the libzip callback; public only for it.
    struct Source;

   private:
    std::string name_;
    std::unique_ptr<Source> source_;
    zip_t* archive_ = nullptr;
    std::vector<std::string> members_;
    std::vector<zip_uint64_t> indices_;
    std::uint64_t member_limit_;
};

}  // namespace dss::formats
