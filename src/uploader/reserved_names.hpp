// The names an upload may not take. Uploads and sources share PostgreSQL's schemas and the
// storage folders: organisation `world_bank` and dataset `tariff` would make the schema and the
// folder of the world_bank.tariff source, and a confirmed upload would replace its rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipelines/source_definition.hpp"

namespace dss::uploader {

struct NameRefusal {
    std::string field;  // the form field at fault: "organisation" or "dataset"
    std::string message;
};

class ReservedNames {
   public:
    // Reserves each source's schema and its folder under `datasets_folder`.
    ReservedNames(const std::vector<pipelines::SourceDefinition>& sources,
                  const std::string& datasets_folder, const std::string& upload_folder);

    // Why the pair, as stored (lower case, '.' as '_'), may not be used, in a staff user's
    // words; nullopt when it may.
    std::optional<NameRefusal> refusal(const std::string& organisation,
                                       const std::string& dataset) const;

   private:
    struct Source {
        std::string id;
        std::string schema;
        std::string folder;
    };
    std::vector<Source> sources_;
    std::string datasets_folder_;
    std::string upload_folder_;
};

}  // namespace dss::uploader
