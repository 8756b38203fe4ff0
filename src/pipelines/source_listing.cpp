#include "pipelines/source_listing.hpp"

#include <stdexcept>

#include "pipelines/ignore_rules.hpp"
#include "storage/storage_path.hpp"

namespace dss::pipelines {

SourceListing::SourceListing(const storage::Storage& storage, const SourceDefinition& source,
                             const std::string& datasets_folder)
    : storage_(storage), folder_(storage_folder(source, datasets_folder)) {}

std::string SourceListing::where() const {
    return "folder " + (folder_.empty() ? std::string("(the root)") : folder_) + " in " +
           storage_.describe();
}

std::vector<SourceFile> SourceListing::files() const {
    std::vector<SourceFile> files;
    for (auto& entry : storage_.list(folder_)) {
        auto name = storage::relative_to(entry.name, folder_);
        if (!name) {
            throw std::runtime_error("listing " + where() + " returned " + entry.name +
                                     ", which is outside it");
        }
        if (!is_ignored(*name)) files.push_back({std::move(entry.name), std::move(*name)});
    }
    return files;
}

}  // namespace dss::pipelines
