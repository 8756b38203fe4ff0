// One data file: re-encode to UTF-8 CSV into the datasets folder and, in the same pass, COPY
// it into the new L0; swap; then hand over to data-flow and wait for its verdict. Progress and
// a heartbeat go to the row through a second connection, the first being busy with the COPY.
#include "uploader/processing_worker.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>

#include "core/logging.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "jobs/dataflow_trigger.hpp"
#include "storage/storage_path.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/l0_replacement.hpp"
#include "uploader/pipeline_store.hpp"
#include "uploader/utf8_csv_writer.hpp"

namespace dss::uploader {

const InterruptionMessages kInterrupted{
    "The upload stopped arriving: the server receiving it stopped (a restart or a crash). "
    "Upload the file again.",
    "Processing was interrupted: the server working on this file stopped (a restart or a "
    "crash). Nothing of it was loaded; upload the file again.",
    "Processing was interrupted while data-flow was copying the data on: the server waiting for "
    "it stopped (a restart or a crash). The data is loaded in the dataset; restore this version "
    "to hand it to data-flow again."};

namespace {

constexpr auto kHeartbeat = std::chrono::seconds(1);

db::ConnectOptions worker_connection() {
    db::ConnectOptions options;
    options.application_name = "dss upload worker";
    return options;
}

// Writes the latest counters and the heartbeat every second while a file is processed.
class Heartbeat {
   public:
    Heartbeat(const std::string& url, std::string file_id)
        : connection_(url, worker_connection()),
          file_id_(std::move(file_id)),
          thread_([this](const std::stop_token& stop) { beat(stop); }) {}
    Heartbeat(const Heartbeat&) = delete;
    Heartbeat& operator=(const Heartbeat&) = delete;
    // The last counters are written once more, so the row ends with the final figures.
    ~Heartbeat() {
        thread_.request_stop();
        thread_.join();
        write();
    }

    void update(std::uint64_t bytes, std::uint64_t rows) {
        bytes_ = bytes;
        rows_ = rows;
    }

   private:
    void beat(const std::stop_token& stop) {
        std::unique_lock lock(mutex_);
        while (!stop.stop_requested()) {
            write();
            wake_.wait_for(lock, stop, kHeartbeat, [] { return false; });
        }
    }

    void write() noexcept {
        try {
            record_progress(connection_, file_id_, static_cast<std::int64_t>(bytes_.load()),
                            static_cast<std::int64_t>(rows_.load()));
        } catch (const std::exception& error) {
            core::logger("upload")->warn("progress of {}: {}", file_id_, error.what());
        }
    }

    db::Connection connection_;
    std::string file_id_;
    std::atomic<std::uint64_t> bytes_{0};
    std::atomic<std::uint64_t> rows_{0};
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;
};

std::vector<std::pair<std::string, ColumnType>> typed_columns(const DataFile& file) {
    std::vector<std::pair<std::string, ColumnType>> columns;
    for (const auto& [name, type] : file.column_types) {
        auto parsed = parse_column_type(type);
        if (!parsed) {
            throw std::runtime_error(fmt::format("column {} has an unknown type {}", name, type));
        }
        columns.emplace_back(name, *parsed);
    }
    if (columns.empty()) throw std::runtime_error("the file has no confirmed column types");
    return columns;
}

std::string processed_name(const core::Settings& settings, const Pipeline& pipeline,
                           const DataFile& file) {
    return settings.storage.datasets_folder + "/" + pipeline.organisation + "/" + pipeline.dataset +
           "/" + file.id + ".csv";
}

// Steps 1 and 2: returns the rows loaded.
std::uint64_t load(const core::Settings& settings, storage::Storage& storage,
                   db::Connection& connection, Heartbeat& heartbeat, const Pipeline& pipeline,
                   const DataFile& file, const std::function<bool()>& stop_requested) {
    auto columns = typed_columns(file);
    std::vector<std::string> names;
    names.reserve(columns.size());
    for (const auto& column : columns) names.push_back(column.first);
    auto target_name = processed_name(settings, pipeline, file);
    auto input = storage.open(file.url);
    auto output = storage.create(target_name);
    L0Replacement replacement(connection,
                              {pipeline.schema(), columns, storage::base_name(target_name)});
    auto dialect = CsvDialect{file.delimiter.empty() ? ',' : file.delimiter[0],
                              file.quote.empty() ? '"' : file.quote[0]};
    std::uint64_t rows_written = 0;
    rewrite_as_utf8_csv(
        *input, file.encoding.empty() ? "UTF-8" : file.encoding, dialect, names,
        [&](std::string_view piece) {
            output->write(piece);
            replacement.write(piece);
        },
        [&](std::uint64_t rows, std::uint64_t bytes) {
            rows_written = rows;
            heartbeat.update(bytes, rows);
        },
        stop_requested);
    output->publish();
    // The row says it holds L0 from the very commit that makes it so.
    auto rows = replacement.commit([&](db::Connection& same) { mark_loaded(same, file.id); });
    heartbeat.update(input->size(), rows);
    core::logger("upload")->info(R"({}: {} rows loaded into "{}"."L0" (of {} written))", file.id,
                                 rows, pipeline.schema(), rows_written);
    return rows;
}

}  // namespace

ProcessingWorker::ProcessingWorker(const core::Settings& settings, storage::Storage& storage,
                                   const ReservedNames& reserved_names, unsigned threads)
    : settings_(settings), storage_(storage), reserved_names_(reserved_names) {
    // Once at start, then every quarter of uploader.interrupted_after: a server that crashed
    // and came back at once finds its rows still warm, and a later round marks them.
    look_after_rows();
    janitor_ = std::jthread([this](const std::stop_token& stop) {
        std::mutex mutex;
        std::unique_lock lock(mutex);
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
            // Four rounds per silence: a row is marked at most a quarter late.
            wake.wait_for(lock, stop, settings_.uploader.interrupted_after / 4,
                          [] { return false; });
            if (!stop.stop_requested()) look_after_rows();
        }
    });
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

void ProcessingWorker::look_after_rows() noexcept {
    try {
        db::Connection connection(settings_.database.url, worker_connection());
        std::vector<std::string> queued;
        {
            std::lock_guard lock(mutex_);
            queued.assign(queue_.begin(), queue_.end());
        }
        touch_heartbeats(connection, queued);
        for (const auto& id :
             fail_interrupted(connection, settings_.uploader.interrupted_after, kInterrupted)) {
            core::logger("upload")->warn("{}: marked failed, its work was interrupted", id);
        }
    } catch (const std::exception& error) {
        // A database without the uploader's tables (not upgraded yet) still serves the API.
        core::logger("upload")->warn("looking for interrupted uploads: {}", error.what());
    }
}

ProcessingWorker::~ProcessingWorker() {
    janitor_.request_stop();
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) thread.join();
    // Queued work never started: it was verified, and says so until marked.
    if (queue_.empty()) return;
    try {
        db::Connection connection(settings_.database.url, worker_connection());
        for (const auto& id : queue_) mark_failed(connection, id, kInterrupted.unloaded);
    } catch (const std::exception& error) {
        core::logger("upload")->warn("marking queued uploads failed: {}", error.what());
    }
}

void ProcessingWorker::submit(const std::string& file_id) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(file_id);
    }
    wake_.notify_one();
}

void ProcessingWorker::run() {
    while (true) {
        std::string file_id;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            file_id = queue_.front();
            queue_.pop_front();
        }
        try {
            process(file_id);
        } catch (const std::exception& error) {
            // Even the failure could not be recorded (the database is gone): the heartbeat
            // stops, and the next start marks the row interrupted.
            core::logger("upload")->error("{}: {}", file_id, error.what());
        }
    }
}

void ProcessingWorker::process(const std::string& file_id) {
    db::Connection connection(settings_.database.url, worker_connection());
    if (!start_processing(connection, file_id)) return;
    auto stop_requested = [this] { return stopping_.load(); };
    auto file = find_data_file(connection, file_id);
    bool loaded = false;
    // What the page says: loaded or not, stopped or broken.
    auto failure_message = [this](const std::exception& error, bool was_loaded) {
        if (stopping_) return was_loaded ? kInterrupted.dataflow : kInterrupted.unloaded;
        if (!was_loaded) return "Unable to process the file: " + std::string(error.what());
        return "The data is loaded in the dataset, but handing it to data-flow failed: " +
               std::string(error.what()) + ". Restore this version to try again.";
    };
    try {
        Heartbeat heartbeat(settings_.database.url, file_id);
        auto pipeline = file ? find_pipeline_by_id(connection, file->pipeline_id) : std::nullopt;
        if (!file || !pipeline) throw std::runtime_error("the data file's pipeline is gone");
        // Checked again here: the pipeline may predate the source that now owns its names.
        if (auto refusal = reserved_names_.refusal(pipeline->organisation, pipeline->dataset)) {
            mark_failed(connection, file_id, refusal->message + ". Nothing was loaded.");
            return;
        }
        load(settings_, storage_, connection, heartbeat, *pipeline, *file, stop_requested);
        loaded = true;
        if (settings_.dataflow.base_url.empty()) {
            mark_completed(connection, file_id);
            return;
        }
        set_state(connection, file_id, UploadState::processing_dataflow);
        auto run = jobs::trigger_dataflow(settings_.dataflow, pipeline->schema(), "L0");
        if (run.run_id.empty()) {
            throw std::runtime_error(run.line + ", but data-flow gave no run_id to wait for");
        }
        core::logger("upload")->info(
            "{}: {}", file_id,
            jobs::wait_for_dag_run(settings_.dataflow, run.run_id, stop_requested));
        mark_completed(connection, file_id);
    } catch (const CsvCheckError& error) {
        mark_failed(connection, file_id, error.what());
    } catch (const std::exception& error) {
        core::logger("upload")->warn("{}: processing failed: {}", file_id, error.what());
        mark_failed(connection, file_id, failure_message(error, loaded));
    }
}

}  // namespace dss::uploader
