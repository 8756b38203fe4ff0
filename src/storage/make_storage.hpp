// Chooses the storage from configuration: s3.bucket_url is s3://..., file://... or a path.
#pragma once

#include <memory>

#include "core/settings.hpp"
#include "storage/storage.hpp"

namespace dss::storage {

std::unique_ptr<Storage> make_storage(const core::StorageSettings& settings);

}  // namespace dss::storage
