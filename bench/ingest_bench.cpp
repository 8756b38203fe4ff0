// End-to-end ingest against a plain COPY (issue 4's benchmark). A generated ONSPD-shaped CSV
// (50 columns) is zipped as the ONS publishes it and loaded by `dss ingest` from local storage:
// unzip, COPY, L0, L1 and the registry, in a fresh database each time. In the same run the
// unzipped CSV is COPYed into a logged table of 50 text columns, the floor any loader stands on.
// Then peak memory at a larger size, and the snapshot path (dit.reference_postcodes: a first
// load and an identical re-load).
//
//   build/bench/dss_ingest_bench [rows]   (default 1000000)
//   DSS_BENCH_MEMORY_ROWS (default 3000000; 0 skips), DSS_BENCH_RUNS (default 3),
//   DSS_BENCH_DIR (generated files, default var/bench/ingest; kept between runs)
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "core/logging.hpp"
#include "db/connection.hpp"
#include "db/copy.hpp"
#include "db/migrator.hpp"
#include "generated_files.hpp"
#include "ingest_runs.hpp"
#include "support/child_process.hpp"
#include "support/test_database.hpp"

namespace {

namespace fs = std::filesystem;
using dss::bench::bench_directory;
using dss::bench::Clock;
using dss::bench::count_rows;
using dss::bench::environment_number;
using dss::bench::ingest;
using dss::bench::IngestRun;
using dss::bench::median;
using dss::bench::migrate;
using dss::bench::plain_copy;
using dss::bench::seconds_since;

// Generated once per size and kept: a `complete` marker says the files are whole.
struct OnspdFiles {
    fs::path csv;
    fs::path storage_root;  // holds datasets/ons/postcode_directory/ONSPD_MAY_2019_UK.zip
};

OnspdFiles onspd_files(long rows, bool need_csv) {
    auto folder = bench_directory() / fmt::format("onspd_{}", rows);
    OnspdFiles files{folder / "ONSPD_MAY_2019_UK.csv", folder / "storage"};
    if (fs::exists(folder / "complete") && (!need_csv || fs::exists(files.csv))) return files;
    auto start = Clock::now();
    dss::bench::write_onspd_csv(files.csv, rows);
    auto written = seconds_since(start);
    auto zip = files.storage_root / "datasets/ons/postcode_directory/ONSPD_MAY_2019_UK.zip";
    dss::bench::zip_single_file(files.csv, zip, "Data/ONSPD_MAY_2019_UK.csv");
    std::ofstream(folder / "complete") << "generated\n";
    fmt::print("generated {} ONSPD rows: CSV {:.0f} MB in {:.1f} s, zip {:.0f} MB in {:.1f} s\n",
               rows, static_cast<double>(fs::file_size(files.csv)) / 1e6, written,
               static_cast<double>(fs::file_size(zip)) / 1e6, seconds_since(start) - written);
    return files;
}

IngestRun ingest_onspd(const OnspdFiles& files, long rows) {
    dss::test::TestDatabase database;
    migrate(database.url());
    auto run = ingest(database.url(), files.storage_root, "ons.postcode_directory");
    auto loaded = count_rows(database.url(), R"("ons.postcode_directory"."L1")");
    if (loaded != rows)
        throw std::runtime_error(fmt::format("L1 holds {} of {} rows", loaded, rows));
    return run;
}

void onspd_against_plain_copy(long rows, int runs) {
    auto files = onspd_files(rows, true);
    auto csv_mb = static_cast<double>(fs::file_size(files.csv)) / 1e6;
    fmt::print("\nONSPD {} rows x 50 columns, CSV {:.0f} MB, medians of {} alternating runs\n",
               rows, csv_mb, runs);
    std::vector<double> copies;
    std::vector<double> ingests;
    long peak = 0;
    for (int round = 0; round < runs; ++round) {
        copies.push_back(plain_copy(files.csv, 50));
        auto run = ingest_onspd(files, rows);
        ingests.push_back(run.seconds);
        peak = std::max(peak, run.peak_rss_kib);
    }
    auto copy = median(copies);
    auto end_to_end = median(ingests);
    fmt::print("  plain COPY into 50 text columns   {:6.2f} s  {:6.1f} MB/s  (runs: {:.2f})\n",
               copy, csv_mb / copy, fmt::join(copies, " "));
    fmt::print("  dss ingest zip end to end         {:6.2f} s  {:6.1f} MB/s  (runs: {:.2f})\n",
               end_to_end, csv_mb / end_to_end, fmt::join(ingests, " "));
    fmt::print("  ingest / plain COPY               {:6.2f}x  (goal <= 2.5x)\n", end_to_end / copy);
    fmt::print("  dss ingest peak RSS               {:6.1f} MiB\n",
               static_cast<double>(peak) / 1024);
}

void onspd_memory(long rows) {
    auto files = onspd_files(rows, false);
    auto run = ingest_onspd(files, rows);
    fmt::print("  {} rows: ingest {:.1f} s, peak RSS {:.1f} MiB\n", rows, run.seconds,
               static_cast<double>(run.peak_rss_kib) / 1024);
    // The larger CSV is only needed for its zip; it is made again if a comparison wants it.
    fs::remove(files.csv);
}

void reference_postcodes_snapshot(long rows) {
    auto folder = bench_directory() / fmt::format("reference_postcodes_{}", rows);
    auto csv = folder / "postcodes.csv";
    if (!fs::exists(folder / "complete")) {
        dss::bench::write_reference_postcodes_csv(csv, rows);
        std::ofstream(folder / "complete") << "generated\n";
    }
    auto storage = folder / "storage";
    auto datasets = storage / "datasets/dit/reference_postcodes";
    fs::remove_all(storage);
    fs::create_directories(datasets);
    fs::copy_file(csv, datasets / "postcodes_1.csv");

    auto copy = plain_copy(csv, 13);
    dss::test::TestDatabase database;
    migrate(database.url());
    auto first = ingest(database.url(), storage, "dit.reference_postcodes");
    // The same rows again under a newer name: every row is already known.
    fs::copy_file(csv, datasets / "postcodes_2.csv");
    fs::last_write_time(
        datasets / "postcodes_2.csv",
        fs::last_write_time(datasets / "postcodes_1.csv") + std::chrono::seconds(1));
    auto again = ingest(database.url(), storage, "dit.reference_postcodes");
    auto l0 = count_rows(database.url(), R"("dit.reference_postcodes"."L0")");
    auto l1 = count_rows(database.url(), R"("dit.reference_postcodes"."L1")");
    if (l0 != rows || l1 != rows)
        throw std::runtime_error(fmt::format("snapshot holds L0 {} and L1 {} rows", l0, l1));
    fmt::print("\nSnapshot path, dit.reference_postcodes {} rows x 13 columns ({:.0f} MB)\n", rows,
               static_cast<double>(fs::file_size(csv)) / 1e6);
    fmt::print("  plain COPY into 13 text columns   {:6.2f} s\n", copy);
    fmt::print("  first load                        {:6.2f} s  {:5.2f}x  peak RSS {:.1f} MiB\n",
               first.seconds, first.seconds / copy, static_cast<double>(first.peak_rss_kib) / 1024);
    fmt::print("  identical re-load                 {:6.2f} s  {:5.2f}x  peak RSS {:.1f} MiB\n",
               again.seconds, again.seconds / copy, static_cast<double>(again.peak_rss_kib) / 1024);
}

}  // namespace

int main(int argc, char** argv) {
    dss::core::configure_logging("warning");
    try {
        long rows = argc > 1 ? std::stol(argv[1]) : 1'000'000;
        auto runs = static_cast<int>(environment_number("DSS_BENCH_RUNS", 3));
        long memory_rows = environment_number("DSS_BENCH_MEMORY_ROWS", 3'000'000);
        onspd_against_plain_copy(rows, runs);
        if (memory_rows > 0) {
            fmt::print("\nPeak memory of dss ingest as the input grows\n");
            onspd_memory(memory_rows);
        }
        reference_postcodes_snapshot(rows);
    } catch (const std::exception& error) {
        fmt::print(stderr, "ingest benchmark failed: {}\n", error.what());
        return 1;
    }
}
