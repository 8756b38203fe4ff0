// One table for names and progress texts, in the enum's order.
#include "uploader/upload_state.hpp"

#include <array>

namespace dss::uploader {
namespace {

struct StateRow {
    UploadState state;
    std::string_view name;
    StateProgress progress;
};

constexpr std::array<StateRow, 7> kStates = {{
    {UploadState::uploading, "uploading", {"10", "Uploading data"}},
    {UploadState::uploaded, "uploaded", {"20", "Data successfully uploaded"}},
    {UploadState::verified, "verified", {"30", "Data successfully verified"}},
    {UploadState::processing_dss,
     "processing_dss",
     {"40", "Data is being processed by Data Store Service"}},
    {UploadState::processing_dataflow,
     "processing_dataflow",
     {"70", "Data is being processed by Data Flow"}},
    {UploadState::completed, "completed", {"100", "Data successfully processed"}},
    {UploadState::failed,
     "failed",
     {"100", "Sorry, there is a problem with the service. Try again later."}},
}};

const StateRow& row_of(UploadState state) { return kStates.at(static_cast<std::size_t>(state)); }

}  // namespace

std::string_view state_name(UploadState state) { return row_of(state).name; }

std::optional<UploadState> parse_state(std::string_view name) {
    for (const auto& row : kStates) {
        if (row.name == name) return row.state;
    }
    return std::nullopt;
}

StateProgress state_progress(std::optional<UploadState> state) {
    if (!state) return {"0", "Starting new data upload"};
    return row_of(*state).progress;
}

bool is_processing(UploadState state) {
    return state == UploadState::verified || state == UploadState::processing_dss ||
           state == UploadState::processing_dataflow;
}

}  // namespace dss::uploader
