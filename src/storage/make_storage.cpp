// Storage factory, and the helpers storage.hpp declares for every storage (ordering, copying).
#include "storage/make_storage.hpp"

#include <algorithm>
#include <array>

#include "storage/local_storage.hpp"
#include "storage/s3_storage.hpp"

namespace dss::storage {

std::unique_ptr<Storage> make_storage(const core::StorageSettings& settings) {
    const auto& url = settings.bucket_url;
    if (url.starts_with("s3://")) {
        auto s3 = S3Settings::from_url(url);
        s3.endpoint_url = settings.endpoint_url;
        s3.region = settings.region;
        s3.access_key_id = settings.access_key_id;
        s3.secret_access_key = settings.secret_access_key;
        return std::make_unique<S3Storage>(std::move(s3));
    }
    return std::make_unique<LocalStorage>(url.starts_with("file://") ? url.substr(7) : url);
}

void sort_oldest_first(std::vector<FileEntry>& entries) {
    std::sort(entries.begin(), entries.end(), [](const FileEntry& a, const FileEntry& b) {
        return a.modified != b.modified ? a.modified < b.modified : a.name < b.name;
    });
}

std::uint64_t copy_file(const Storage& from, std::string_view from_name, Storage& to,
                        std::string_view to_name) {
    auto input = from.open(from_name);
    auto output = to.create(to_name);
    std::array<char, 1 << 16> buffer{};
    std::uint64_t copied = 0;
    while (auto count = input->read(buffer.data(), buffer.size())) {
        output->write(std::string_view(buffer.data(), count));
        copied += count;
    }
    output->publish();
    return copied;
}

}  // namespace dss::storage
