#include "uploader/reserved_names.hpp"

#include "storage/storage_path.hpp"

namespace dss::uploader {
namespace {

// One folder equals the other or lies inside it.
bool overlaps(const std::string& a, const std::string& b) {
    return a == b || storage::relative_to(a, b) || storage::relative_to(b, a);
}

}  // namespace

ReservedNames::ReservedNames(const std::vector<pipelines::SourceDefinition>& sources,
                             const std::string& datasets_folder, const std::string& upload_folder)
    : datasets_folder_(storage::normalise_folder(datasets_folder)),
      upload_folder_(storage::normalise_folder(upload_folder)) {
    sources_.reserve(sources.size());
    for (const auto& source : sources) {
        sources_.push_back(
            {source.id, source.schema, pipelines::storage_folder(source, datasets_folder_)});
    }
}

std::optional<NameRefusal> ReservedNames::refusal(const std::string& organisation,
                                                  const std::string& dataset) const {
    // PostgreSQL keeps schemas starting pg_ for itself and refuses to create them.
    if (organisation.starts_with("pg_")) {
        return NameRefusal{"organisation",
                           "Organisation names cannot start with pg_, which PostgreSQL keeps for "
                           "itself"};
    }
    auto schema = organisation + "." + dataset;
    auto below = storage::join_folders(organisation, dataset);
    auto processed_folder = storage::join_folders(datasets_folder_, below);
    auto raw_folder = storage::join_folders(upload_folder_, below);
    for (const auto& source : sources_) {
        bool same_schema = schema == source.schema;
        bool same_folder =
            overlaps(processed_folder, source.folder) || overlaps(raw_folder, source.folder);
        if (same_schema || same_folder) {
            return NameRefusal{"dataset", "This organisation and dataset belong to the " +
                                              source.id +
                                              " source, which loads them every night: choose "
                                              "other names"};
        }
    }
    return std::nullopt;
}

}  // namespace dss::uploader
