// Where the load of one file (or zip member) has got to, for progress displays.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace dss::pipelines {

struct Progress {
    std::string file;
    std::uint64_t bytes_read = 0;
    std::uint64_t size = 0;  // of the file, or of the zip member uncompressed
    // Counted by line ends (\n, \r\n or \r) after the header: exact unless values hold line
    // breaks.
    std::uint64_t rows_read = 0;
    // Every byte is read; the statements that finish L0 and fill L1 are running.
    bool finishing = false;
};

// Called after each chunk read from a file, and once more when its statements start.
using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace dss::pipelines
