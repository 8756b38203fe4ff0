// The states a staff upload goes through (uploader.md, progress table), and what the progress
// page says in each.
#pragma once

#include <optional>
#include <string_view>

namespace dss::uploader {

enum class UploadState {
    uploading,            // the file is streaming into storage
    uploaded,             // stored; waiting for the user to check it
    verified,             // types confirmed; processing about to start
    processing_dss,       // being re-encoded and loaded into L0
    processing_dataflow,  // loaded; data-flow is copying it on
    completed,            // the current version
    failed,               // error_message says why
};

std::string_view state_name(UploadState state);
// nullopt for an unknown name (and for the reference's empty state).
std::optional<UploadState> parse_state(std::string_view name);

struct StateProgress {
    std::string_view percent;  // "0".."100", text as the reference sent it
    std::string_view info;
};

// nullopt: no state yet ("Starting new data upload").
StateProgress state_progress(std::optional<UploadState> state);

bool is_processing(UploadState state);

}  // namespace dss::uploader
