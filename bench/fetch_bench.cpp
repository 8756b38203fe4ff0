// dss fetch against curl (issue 10's benchmark): a generated file served by a local HTTP server
// (the tests' publisher site) is fetched by `curl -o` and by `dss fetch` into local storage and
// into s3rver, at two sizes, to show speed and that memory does not grow with the file.
//
//   build/bench/dss_fetch_bench [megabytes]   (default 1024; the smaller run is a quarter)
//   DSS_BENCH_RUNS (default 3), DSS_BENCH_DIR
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <fstream>
#include <random>

#include "core/logging.hpp"
#include "ingest_runs.hpp"
#include "support/child_process.hpp"
#include "support/publisher_site.hpp"
#include "support/s3rver.hpp"
#include "support/temporary_directory.hpp"

namespace {

namespace fs = std::filesystem;
using namespace dss::bench;
using dss::test::ChildProcess;
using dss::test::EnvironmentOverrides;

// Incompressible bytes, written once and kept.
fs::path payload(long megabytes) {
    auto path = bench_directory() / fmt::format("fetch_{}mb.bin", megabytes);
    if (fs::exists(path) && fs::file_size(path) == static_cast<std::uintmax_t>(megabytes) << 20)
        return path;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    std::mt19937_64 random(42);
    std::vector<std::uint64_t> block(1 << 17);  // 1 MiB
    for (long i = 0; i < megabytes; ++i) {
        for (auto& word : block) word = random();
        out.write(reinterpret_cast<const char*>(block.data()),  // NOLINT: bytes of the block
                  static_cast<std::streamsize>(block.size() * sizeof(std::uint64_t)));
    }
    return path;
}

struct Run {
    double seconds = 0;
    long peak_rss_kib = 0;
};

Run timed(std::vector<std::string> arguments, const EnvironmentOverrides& environment) {
    auto start = Clock::now();
    ChildProcess child(std::move(arguments), environment);
    auto status = child.wait_for_exit(std::chrono::hours(1));
    if (status != 0) {
        throw std::runtime_error("failed: " + child.standard_output() + child.standard_error());
    }
    return {seconds_since(start), child.peak_rss_kib().value_or(0)};
}

void report(const char* label, const std::vector<Run>& runs, double megabytes, double anchor) {
    std::vector<double> seconds;
    long peak = 0;
    for (const auto& run : runs) {
        seconds.push_back(run.seconds);
        peak = std::max(peak, run.peak_rss_kib);
    }
    auto typical = median(seconds);
    fmt::print(
        "  {:<28} {:6.2f} s {:7.1f} MB/s  {:5.0f}% of curl  peak RSS {:6.1f} MiB  (runs: {:.2f})\n",
        label, typical, megabytes / typical, 100 * anchor / typical,
        static_cast<double>(peak) / 1024, fmt::join(seconds, " "));
}

void fetch_size(long megabytes, int runs) {
    auto file = payload(megabytes);
    dss::test::PublisherSite site;
    site.serve_links("/downloads/index.html", {"exporters2001.zip"});
    dss::test::TemporaryDirectory config;
    config.write(
        "sources.yml",
        "sources:\n  hmrc.exporters:\n    listing_url: " + site.url("/downloads/index.html") +
            "\n    link_pattern: '(.*?)/exporters(?P<date>\\d{4})\\.zip$'\n"
            "    date_format: '%y%m'\n    file_name: 'exporters{date}.zip'\n");
    site.serve_file("/downloads/exporters2001.zip", file);
    auto mb = static_cast<double>(megabytes) * 1.048576;
    fmt::print("\n{} MiB file from a local HTTP server, medians of {} runs\n", megabytes, runs);

    std::vector<Run> curl_runs;
    std::vector<Run> local_runs;
    std::vector<Run> s3_runs;
    std::vector<Run> upload_runs;  // what s3rver itself takes, for the S3 figure
    for (int round = 0; round < runs; ++round) {
        dss::test::TemporaryDirectory target;
        curl_runs.push_back(
            timed({"/usr/bin/curl", "-sS", "-f", "-o", (target.path() / "copy").string(),
                   site.url("/downloads/exporters2001.zip")},
                  {}));
        dss::test::TemporaryDirectory storage;
        local_runs.push_back(timed({dss::test::dss_binary(), "fetch", "--source", "hmrc.exporters"},
                                   {{"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
                                    {"S3_BUCKET_URL", storage.path().string()},
                                    {"DSS_LOG_LEVEL", "warning"}}));
        dss::test::S3rver s3;
        const EnvironmentOverrides s3_settings{
            {"DSS_SOURCES_FILE", (config.path() / "sources.yml").string()},
            {"S3_BUCKET_URL", "s3://" + s3.bucket() + "/root"},
            {"S3_ENDPOINT_URL", s3.endpoint()},
            {"AWS_ACCESS_KEY_ID", dss::test::S3rver::kAccessKey},
            {"AWS_SECRET_ACCESS_KEY", dss::test::S3rver::kSecretKey},
            {"DSS_LOG_LEVEL", "warning"}};
        s3_runs.push_back(
            timed({dss::test::dss_binary(), "fetch", "--source", "hmrc.exporters"}, s3_settings));
        upload_runs.push_back(timed(
            {dss::test::dss_binary(), "s3", "upload", file.string(), "uploaded.bin"}, s3_settings));
    }
    std::vector<double> curl_seconds;
    for (const auto& run : curl_runs) curl_seconds.push_back(run.seconds);
    auto anchor = median(curl_seconds);
    report("curl -o", curl_runs, mb, anchor);
    report("dss fetch, local storage", local_runs, mb, anchor);
    report("dss fetch, s3rver", s3_runs, mb, anchor);
    report("(dss s3 upload of the file)", upload_runs, mb, anchor);
}

}  // namespace

int main(int argc, char** argv) {
    dss::core::configure_logging("warning");
    try {
        long megabytes = argc > 1 ? std::stol(argv[1]) : 1024;
        auto runs = static_cast<int>(environment_number("DSS_BENCH_RUNS", 3));
        fetch_size(megabytes / 4, runs);
        fetch_size(megabytes, runs);
    } catch (const std::exception& error) {
        fmt::print(stderr, "fetch benchmark failed: {}\n", error.what());
        return 1;
    }
}
