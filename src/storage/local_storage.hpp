// Storage in a directory of the local file system.
#pragma once

#include <filesystem>

#include "storage/storage.hpp"

namespace dss::storage {

class LocalStorage final : public Storage {
   public:
    // Creates the root directory when missing.
    explicit LocalStorage(std::filesystem::path root);

    std::vector<FileEntry> list(std::string_view prefix) const override;
    std::unique_ptr<InputStream> open(std::string_view name) const override;
    std::unique_ptr<OutputStream> create(std::string_view name) override;
    void remove(std::string_view name) override;
    void move(std::string_view from, std::string_view to) override;
    std::string describe() const override;

   private:
    // The path of `name`, refusing names that would leave the root ("../x", "/etc").
    std::filesystem::path resolve(std::string_view name) const;

    std::filesystem::path root_;
};

}  // namespace dss::storage
