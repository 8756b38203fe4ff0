// End-to-end ingest of the sources whose files are not CSV (issue 9's benchmark):
// - Companies House: documents per second and peak RSS of `dss ingest` on a generated zip of
//   inline XBRL documents of 10-60 KB each, at two sizes (memory should not grow with them);
// - HMRC exporters: a generated list of 1,000,000 lines in a zip of zips, against a plain COPY
//   of the same records as CSV.
// Each run uses a fresh database; generated inputs are kept between runs.
//
//   build/bench/dss_formats_bench [documents]   (default 20000)
//   DSS_BENCH_LARGE_DOCUMENTS (default 100000; 0 skips), DSS_BENCH_HMRC_LINES (default
//   1000000; 0 skips), DSS_BENCH_RUNS (default 3), DSS_BENCH_DIR
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <fstream>

#include "core/logging.hpp"
#include "generated_files.hpp"
#include "ingest_runs.hpp"
#include "sample/accounts_documents.hpp"
#include "support/test_database.hpp"

namespace {

namespace fs = std::filesystem;
using namespace dss::bench;

// 10 to 60 KB, spread over the range.
std::size_t document_size(std::size_t index) { return 10'000 + index * 7'919 % 50'001; }

fs::path accounts_storage(std::size_t documents) {
    auto folder = bench_directory() / fmt::format("companies_house_{}", documents);
    auto zip = folder /
               "storage/datasets/companies_house/accounts_legacy/"
               "Accounts_Bulk_Data-2020-04-01.zip";
    if (fs::exists(folder / "complete")) return folder / "storage";
    auto start = Clock::now();
    zip_generated_members(
        zip, documents,
        [](std::size_t i) {
            return dss::sample::accounts_document_name(2230001, static_cast<int>(i + 1), "20200331",
                                                       true);
        },
        [](std::size_t i) {
            return dss::sample::render_accounts_document(
                dss::sample::typical_inline_accounts(static_cast<int>(i + 1), document_size(i)));
        });
    std::ofstream(folder / "complete") << "generated\n";
    fmt::print("generated {} documents: zip {:.0f} MB in {:.1f} s\n", documents,
               static_cast<double>(fs::file_size(zip)) / 1e6, seconds_since(start));
    return folder / "storage";
}

void companies_house(std::size_t documents, int runs) {
    auto storage = accounts_storage(documents);
    double total_bytes = 0;
    for (std::size_t i = 0; i < documents; ++i)
        total_bytes += static_cast<double>(document_size(i));
    std::vector<double> seconds;
    long peak = 0;
    for (int round = 0; round < runs; ++round) {
        dss::test::TestDatabase database;
        migrate(database.url());
        auto run = ingest(database.url(), storage, "companies_house.accounts_legacy");
        auto rows = count_rows(database.url(), R"("companies_house.accounts_legacy"."L0")");
        if (rows != static_cast<long>(documents) * 4)
            throw std::runtime_error(fmt::format("L0 holds {} rows, not {}", rows, documents * 4));
        seconds.push_back(run.seconds);
        peak = std::max(peak, run.peak_rss_kib);
    }
    auto typical = median(seconds);
    fmt::print(
        "  {:>7} documents ({:.0f} MB of XHTML): {:6.2f} s, {:6.0f} documents/s, {:5.1f} MB/s, "
        "peak RSS {:.1f} MiB  (runs: {:.2f})\n",
        documents, total_bytes / 1e6, typical, static_cast<double>(documents) / typical,
        total_bytes / 1e6 / typical, static_cast<double>(peak) / 1024, fmt::join(seconds, " "));
}

struct HmrcFiles {
    fs::path csv;  // the same records as CSV, for the plain COPY
    fs::path storage;
};

HmrcFiles hmrc_files(long lines) {
    auto folder = bench_directory() / fmt::format("hmrc_{}", lines);
    HmrcFiles files{folder / "exporters.csv", folder / "storage"};
    if (fs::exists(folder / "complete")) return files;
    fs::create_directories(folder);
    std::ofstream text(folder / "exporters1601", std::ios::binary);
    std::ofstream csv(files.csv, std::ios::binary);
    for (long i = 0; i < lines; ++i) {
        auto name = fmt::format("EXPORTER NUMBER {} LIMITED", i);
        auto street = fmt::format("{} HIGH STREET", i % 500 + 1);
        auto postcode = fmt::format("AB{} {}CD", i % 99 + 1, i % 9);
        auto codes = fmt::format("{:08}\t{:08}", i % 99'999'999, (i * 7) % 99'999'999);
        text << fmt::format("201601\tX\t{}\t{}\tTOWN AREA\tCITY\t\t\t{}\t{}\r\n", name, street,
                            postcode, codes);
        csv << fmt::format(
            "\"201601\",\"X\",\"{}\",\"{}\",\"TOWN "
            "AREA\",\"CITY\",\"\",\"\",\"{}\",\"{:08},{:08}\"\n",
            name, street, postcode, i % 99'999'999, (i * 7) % 99'999'999);
    }
    text.close();
    zip_single_file(folder / "exporters1601", folder / "exporters1601.zip", "exporters1601");
    zip_single_file(folder / "exporters1601.zip",
                    files.storage / "datasets/hmrc/exporters/exporters1601.zip",
                    "exporters1601.zip");
    fs::remove(folder / "exporters1601");
    fs::remove(folder / "exporters1601.zip");
    std::ofstream(folder / "complete") << "generated\n";
    return files;
}

void hmrc_exporters(long lines, int runs) {
    auto files = hmrc_files(lines);
    std::vector<double> copies;
    std::vector<double> ingests;
    long peak = 0;
    for (int round = 0; round < runs; ++round) {
        copies.push_back(plain_copy(files.csv, 10, false));
        dss::test::TestDatabase database;
        migrate(database.url());
        auto run = ingest(database.url(), files.storage, "hmrc.exporters");
        if (count_rows(database.url(), R"("hmrc.exporters"."L1")") != lines)
            throw std::runtime_error("hmrc.exporters L1 does not hold every line");
        ingests.push_back(run.seconds);
        peak = std::max(peak, run.peak_rss_kib);
    }
    auto copy = median(copies);
    auto ingest_seconds = median(ingests);
    auto per_second = [&](double seconds) { return static_cast<double>(lines) / seconds; };
    fmt::print(
        "  plain COPY of the records as CSV      {:6.2f} s  {:8.0f} rows/s  (runs: {:.2f})\n", copy,
        per_second(copy), fmt::join(copies, " "));
    fmt::print(
        "  dss ingest zip of zips, L0 and L1     {:6.2f} s  {:8.0f} rows/s  (runs: {:.2f})\n",
        ingest_seconds, per_second(ingest_seconds), fmt::join(ingests, " "));
    fmt::print(
        "  ingest / plain COPY                   {:6.2f}x  (goal <= 2x), peak RSS {:.1f} MiB\n",
        ingest_seconds / copy, static_cast<double>(peak) / 1024);
}

}  // namespace

int main(int argc, char** argv) {
    dss::core::configure_logging("warning");
    try {
        auto documents = static_cast<std::size_t>(argc > 1 ? std::stol(argv[1]) : 20'000);
        auto runs = static_cast<int>(environment_number("DSS_BENCH_RUNS", 3));
        auto large =
            static_cast<std::size_t>(environment_number("DSS_BENCH_LARGE_DOCUMENTS", 100'000));
        auto hmrc_lines = environment_number("DSS_BENCH_HMRC_LINES", 1'000'000);
        fmt::print("\nCompanies House accounts, inline XBRL of 10-60 KB, medians of {} runs\n",
                   runs);
        companies_house(documents, runs);
        if (large > 0) companies_house(large, 1);
        if (hmrc_lines > 0) {
            fmt::print("\nHMRC exporters, {} lines, medians of {} alternating runs\n", hmrc_lines,
                       runs);
            hmrc_exporters(hmrc_lines, runs);
        }
    } catch (const std::exception& error) {
        fmt::print(stderr, "formats benchmark failed: {}\n", error.what());
        return 1;
    }
}
