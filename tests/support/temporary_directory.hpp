// A directory under $TMPDIR removed with everything in it when the object goes away.
#pragma once

#include <filesystem>
#include <string_view>

namespace dss::test {

class TemporaryDirectory {
   public:
    TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    ~TemporaryDirectory();

    const std::filesystem::path& path() const { return path_; }
    // Writes `text` to `name` inside the directory and returns the file's path.
    std::filesystem::path write(std::string_view name, std::string_view text) const;

   private:
    std::filesystem::path path_;
};

}  // namespace dss::test
