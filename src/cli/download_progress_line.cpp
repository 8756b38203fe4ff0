#include "cli/download_progress_line.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace dss::cli {

void DownloadProgressLine::operator()(const std::string& name, std::uint64_t bytes) {
    auto now = std::chrono::steady_clock::now();
    if (name != name_) {
        name_ = name;
        started_ = now;
    }
    if (now - shown_ < std::chrono::milliseconds(200)) return;
    shown_ = now;
    auto seconds = std::chrono::duration<double>(now - started_).count();
    auto megabytes = static_cast<double>(bytes) / 1e6;
    fmt::print("\r\033[K  downloading {}: {:.1f} MB, {:.1f} MB/s", name, megabytes,
               seconds > 0 ? megabytes / seconds : 0.0);
    std::fflush(stdout);
}

}  // namespace dss::cli
