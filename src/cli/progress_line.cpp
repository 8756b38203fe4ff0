#include "cli/progress_line.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace dss::cli {

void ProgressLine::operator()(const pipelines::Progress& progress) {
    auto now = std::chrono::steady_clock::now();
    if (progress.file != file_) {
        file_ = progress.file;
        started_ = now;
    }
    // A terminal cannot show more, and writing every 64 KiB chunk would slow the load.
    if (!progress.finishing && now - shown_ < std::chrono::milliseconds(200)) return;
    shown_ = now;
    auto seconds = std::chrono::duration<double>(now - started_).count();
    auto megabytes = static_cast<double>(progress.bytes_read) / 1e6;
    fmt::print("\r\033[K  {}: {:.1f} of {:.1f} MB, {} rows, {:.1f} MB/s{}", progress.file,
               megabytes, static_cast<double>(progress.size) / 1e6, progress.rows_read,
               seconds > 0 ? megabytes / seconds : 0.0,
               progress.finishing ? "; writing L0 and L1" : "");
    std::fflush(stdout);
}

}  // namespace dss::cli
