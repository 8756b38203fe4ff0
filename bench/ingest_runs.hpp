// What the ingest benchmarks share: where generated inputs are kept, a plain COPY to measure
// against, and `dss ingest` run as a child process with its time and peak memory.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace dss::bench {

using Clock = std::chrono::steady_clock;

long environment_number(const char* name, long fallback);
// DSS_BENCH_DIR, or var/bench/ingest under the source tree: generated files are kept there.
std::filesystem::path bench_directory();
double seconds_since(Clock::time_point start);
double median(std::vector<double> values);

void migrate(const std::string& url);

// COPY of the CSV, read in the same 64 KiB chunks as the engine, into a logged table of
// `columns` text columns, in a database of its own; returns the seconds it took.
double plain_copy(const std::filesystem::path& csv, int columns, bool header = true);

struct IngestRun {
    double seconds = 0;
    long peak_rss_kib = 0;
    std::string output;
};

// `dss ingest --source <source>` as a child process against `database_url`.
IngestRun ingest(const std::string& database_url, const std::filesystem::path& storage_root,
                 const std::string& source);

long count_rows(const std::string& url, const std::string& table);

}  // namespace dss::bench
