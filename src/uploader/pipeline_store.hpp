// The uploader's rows: pipelines (one per organisation and dataset) and their data files
// (one per uploaded version), in public.pipeline and public.pipeline_data_file.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "uploader/upload_state.hpp"

namespace dss::uploader {

struct Pipeline {
    int id = 0;
    std::string organisation;
    std::string dataset;
    std::string slug;

    // "<organisation>.<dataset>": the schema its L0 lives in, and what data-flow is told.
    std::string schema() const { return organisation + "." + dataset; }
};

using ColumnTypes = std::vector<std::pair<std::string, std::string>>;  // name, type name

struct DataFile {
    std::string id;  // a UUID
    int pipeline_id = 0;
    std::string url;  // where the upload is stored
    std::optional<UploadState> state;
    std::string error_message;
    std::string uploaded_at;  // "YYYY-MM-DD HH:MM:SS" (UTC) or ""
    std::string started_processing_at;
    std::string processed_at;
    ColumnTypes column_types;
    std::string delimiter = ",";
    std::string quote = "\"";
    std::string original_file_name;
    std::string encoding;
    std::int64_t bytes_read = 0;
    std::int64_t rows_loaded = 0;
    std::string loaded_at;  // when it became L0's content, or ""

    // Loaded into L0 once: it has types and data to restore.
    bool was_loaded() const { return !loaded_at.empty() || state == UploadState::completed; }
};

std::vector<Pipeline> list_pipelines(db::Connection& connection);
std::optional<Pipeline> find_pipeline(db::Connection& connection, const std::string& slug);
std::optional<Pipeline> find_pipeline_by_id(db::Connection& connection, int id);
// nullopt when the organisation and dataset pair exists already. The slug is
// slugify("organisation dataset"), with "-2", "-3"... when another pair has it.
std::optional<Pipeline> create_pipeline(db::Connection& connection, const std::string& organisation,
                                        const std::string& dataset);

struct NewUpload {
    std::string id;
    std::string url;  // {upload_folder}/{organisation}/{dataset}/{id}
};

// A new row in state uploading.
NewUpload insert_uploading_file(db::Connection& connection, const Pipeline& pipeline,
                                const std::string& upload_folder,
                                const std::string& original_file_name);
void mark_uploaded(db::Connection& connection, const std::string& id, std::int64_t bytes,
                   const std::string& delimiter, const std::string& quote);
void mark_failed(db::Connection& connection, const std::string& id, const std::string& message);
// Deletes the row while it is still `uploaded` (not confirmed meanwhile in another tab);
// returns whether it did.
bool delete_uploaded_file(db::Connection& connection, const std::string& id);

std::optional<DataFile> find_data_file(db::Connection& connection, const std::string& id);
// Newest first by processed_at, then by uploaded_at (versions never processed last).
std::vector<DataFile> list_versions(db::Connection& connection, int pipeline_id);
// The version L0 holds: the one loaded last (a version whose data-flow run failed after the
// swap included), else, for rows from before dss, the newest completed one.
std::optional<DataFile> current_version(db::Connection& connection, int pipeline_id);
// How many rows of the file's URL other versions share (a restore reuses the stored file).
std::int64_t rows_sharing_url(db::Connection& connection, const DataFile& file);

// uploaded -> verified with the confirmed types; false when the row was not in uploaded (a
// second submit of the same form).
bool mark_verified(db::Connection& connection, const std::string& id, const ColumnTypes& types,
                   const std::string& encoding);
// A new verified row for an earlier version's stored file and types (restore); returns its id.
std::string insert_restored_file(db::Connection& connection, const DataFile& earlier);

// Processing: verified -> processing_dss (false when another worker took it).
bool start_processing(db::Connection& connection, const std::string& id);
void set_state(db::Connection& connection, const std::string& id, UploadState state);
// Progress counters, and the heartbeat that tells the row is still being worked on.
void record_progress(db::Connection& connection, const std::string& id, std::int64_t bytes_read,
                     std::int64_t rows_loaded);
void mark_completed(db::Connection& connection, const std::string& id);
// Records that the file is now L0's content; run in the swap's transaction.
void mark_loaded(db::Connection& connection, const std::string& id);
// Keeps rows waiting in a worker's queue (or streaming in) from looking abandoned.
void touch_heartbeats(db::Connection& connection, const std::vector<std::string>& ids);
struct InterruptionMessages {
    std::string uploading;  // the upload stopped arriving
    std::string unloaded;   // verified or processing_dss: nothing of it was loaded
    std::string dataflow;   // processing_dataflow: loaded, not handed on
};
// Rows uploading, verified or processing whose heartbeat stopped more than `silence` ago
// become failed with the message for their state; returns their ids.
std::vector<std::string> fail_interrupted(db::Connection& connection, std::chrono::seconds silence,
                                          const InterruptionMessages& messages);

// 8-4-4-4-12 hexadecimal digits: a data file id from a URL is checked before it reaches SQL.
bool looks_like_uuid(std::string_view text);

// python-slugify's result for the reference's "organisation dataset": lower case, every run
// of other characters than [a-z0-9] one '-', none at either end.
std::string slugify(std::string_view text);

}  // namespace dss::uploader
