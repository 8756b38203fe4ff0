// The progress of `dss ingest` on a terminal: one line, rewritten at most five times a second,
// with the file, MB read, rows and rate, then what is left to do once the file is read.
#pragma once

#include <chrono>
#include <string>

#include "pipelines/load_progress.hpp"

namespace dss::cli {

class ProgressLine {
   public:
    void operator()(const pipelines::Progress& progress);

   private:
    std::string file_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point shown_;
};

}  // namespace dss::cli
