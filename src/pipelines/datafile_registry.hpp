// operations.datafile_registry: which source files were processed, failed or are ignored.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "db/connection.hpp"

namespace dss::pipelines {

// The life of one file, in the order of the database enum.
enum class FileState {
    processing,  // being loaded now (or a run died while loading it)
    failed,      // the last attempt failed; error_message says why
    processed,   // loaded; skipped by later runs unless forced
    ignored,     // set by operators to make runs skip the file
};

struct RegistryEntry {
    FileState state = FileState::processing;
    std::optional<std::string> error_message;
};

class DatafileRegistry {
   public:
    explicit DatafileRegistry(db::Connection& connection) : connection_(connection) {}

    // Files of `source` that runs skip (processed or ignored).
    std::set<std::string> done_files(std::string_view source);

    // One row per (source, file): inserts or updates it. Recording `processed` clears any error
    // of an earlier failure (the reference kept it). Call inside the file's transaction for
    // `processed`, and in a short transaction of its own for `failed`.
    void record(std::string_view source, std::string_view file_name, FileState state,
                const std::optional<std::string>& error_message = std::nullopt);

    // Runs without a file (the tariff transform) get a new row each time.
    void record_run(std::string_view source, FileState state,
                    const std::optional<std::string>& error_message = std::nullopt);

    std::optional<RegistryEntry> find(std::string_view source, std::string_view file_name);

   private:
    db::Connection& connection_;
};

std::string_view to_string(FileState state);
FileState file_state_from(std::string_view text);

}  // namespace dss::pipelines
