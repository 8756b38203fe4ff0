// Processing runs off the request (uploader.md, "Processing"): a confirmed upload is queued
// here and worked on by the server's own threads, so it goes on when the browser closes. Work
// a restart or crash interrupted is marked failed with its reason, at start and by heartbeat.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/settings.hpp"
#include "storage/storage.hpp"
#include "uploader/pipeline_store.hpp"
#include "uploader/reserved_names.hpp"

namespace dss::uploader {

// What interrupted work says, by the state it was in.
extern const InterruptionMessages kInterrupted;

class ProcessingWorker {
   public:
    // Starts `threads` workers and a janitor that marks failed what any server left uploading
    // or processing (no heartbeat for a minute), at start and every 15 s.
    // A pipeline whose names `reserved_names` refuses (made before a source took them) fails
    // before anything is written.
    ProcessingWorker(const core::Settings& settings, storage::Storage& storage,
                     const ReservedNames& reserved_names, unsigned threads = 2);
    ProcessingWorker(const ProcessingWorker&) = delete;
    ProcessingWorker& operator=(const ProcessingWorker&) = delete;
    // Stops taking work; running work is stopped, rolled back and marked failed.
    ~ProcessingWorker();

    // Queues a verified data file.
    void submit(const std::string& file_id);

   private:
    void run();
    void process(const std::string& file_id);
    // Keeps queued rows' heartbeats fresh and fails rows whose work stopped.
    void look_after_rows() noexcept;

    const core::Settings& settings_;
    storage::Storage& storage_;
    const ReservedNames& reserved_names_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> queue_;
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> threads_;
    std::jthread janitor_;
};

}  // namespace dss::uploader
