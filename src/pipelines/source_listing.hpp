// A source's files in storage: its folder (the datasets folder and its sub-directory) and the
// files under it that are data, oldest first, named relative to the folder as the registry
// records them.
#pragma once

#include <string>
#include <vector>

#include "pipelines/source_definition.hpp"
#include "storage/storage.hpp"

namespace dss::pipelines {

struct SourceFile {
    std::string storage_name;  // relative to the storage root
    std::string name;          // relative to the source's folder: the registry's file_name
};

class SourceListing {
   public:
    SourceListing(const storage::Storage& storage, const SourceDefinition& source,
                  const std::string& datasets_folder);

    const std::string& folder() const { return folder_; }
    // "folder datasets/dit/baci in local directory /srv/dss/var/storage", for logs and errors:
    // an empty listing is most often a root or folder that is not the one meant.
    std::string where() const;
    // Lists storage now. Throws when storage names a file outside the folder it was asked for.
    std::vector<SourceFile> files() const;

   private:
    const storage::Storage& storage_;
    std::string folder_;
};

}  // namespace dss::pipelines
