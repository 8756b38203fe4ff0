// Registry SQL. Timestamps are UTC without time zone, as the reference wrote them.
#include "pipelines/datafile_registry.hpp"

#include <stdexcept>

namespace dss::pipelines {
namespace {

constexpr const char* kDoneFiles =
    "SELECT file_name FROM operations.datafile_registry "
    "WHERE source = $1 AND file_name IS NOT NULL AND state IN ('processed', 'ignored')";

constexpr const char* kRecord = R"sql(
INSERT INTO operations.datafile_registry (source, file_name, state, error_message, created_timestamp)
VALUES ($1, $2, $3::operations.processing_state, $4, now() AT TIME ZONE 'utc')
ON CONFLICT (source, file_name) DO UPDATE
SET state = excluded.state, error_message = excluded.error_message,
    updated_timestamp = now() AT TIME ZONE 'utc'
-- A failure is recorded after its rollback, outside the source's lock: another run may have
-- loaded the file meanwhile, and what it stored must not be called failed.
WHERE excluded.state <> 'failed' OR datafile_registry.state <> 'processed')sql";

constexpr const char* kRecordRun = R"sql(
INSERT INTO operations.datafile_registry (source, file_name, state, error_message, created_timestamp,
                                          updated_timestamp)
VALUES ($1, NULL, $2::operations.processing_state, $3, now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'))sql";

constexpr const char* kFind =
    "SELECT state::text, error_message FROM operations.datafile_registry WHERE source = $1 AND "
    "file_name = $2";

}  // namespace

std::string_view to_string(FileState state) {
    switch (state) {
        case FileState::processing:
            return "processing";
        case FileState::failed:
            return "failed";
        case FileState::processed:
            return "processed";
        case FileState::ignored:
            return "ignored";
    }
    return "processing";
}

FileState file_state_from(std::string_view text) {
    for (auto state :
         {FileState::processing, FileState::failed, FileState::processed, FileState::ignored}) {
        if (to_string(state) == text) return state;
    }
    throw std::invalid_argument("unknown file state '" + std::string(text) + "'");
}

std::set<std::string> DatafileRegistry::done_files(std::string_view source) {
    auto result = connection_.execute(kDoneFiles, source);
    std::set<std::string> files;
    for (int row = 0; row < result.rows(); ++row) files.insert(result.get<std::string>(row, 0));
    return files;
}

void DatafileRegistry::record(std::string_view source, std::string_view file_name, FileState state,
                              const std::optional<std::string>& error_message) {
    connection_.execute(kRecord, source, file_name, to_string(state), error_message);
}

void DatafileRegistry::record_run(std::string_view source, FileState state,
                                  const std::optional<std::string>& error_message) {
    connection_.execute(kRecordRun, source, to_string(state), error_message);
}

std::optional<RegistryEntry> DatafileRegistry::find(std::string_view source,
                                                    std::string_view file_name) {
    auto result = connection_.execute(kFind, source, file_name);
    if (result.empty()) return std::nullopt;
    return RegistryEntry{file_state_from(result.text(0, 0)),
                         result.get<std::optional<std::string>>(0, 1)};
}

}  // namespace dss::pipelines
