// The progress of a download on a terminal: one line, rewritten at most five times a second,
// with the file, MB stored and the rate.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace dss::cli {

class DownloadProgressLine {
   public:
    void operator()(const std::string& name, std::uint64_t bytes);

   private:
    std::string name_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point shown_;
};

}  // namespace dss::cli
