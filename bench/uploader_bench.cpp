// The staff uploader through its HTTP endpoints (issue 11's benchmark): a generated CSV of 20
// columns is uploaded, checked and loaded by a real `dss serve`, signed in through the SSO
// stand-in. Each step is timed; the upload is set against writing the same file to the same
// storage directly, the load against a plain COPY of the file; the server's peak memory is
// read at two sizes to show it does not grow with the file.
//
//   build/bench/dss_uploader_bench [rows]   (default 1,000,000, about 150 MB; the large run
//                                            has DSS_BENCH_UPLOAD_LARGE_ROWS, default 10x)
#include <fmt/core.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "ingest_runs.hpp"
#include "storage/local_storage.hpp"
#include "support/dss_server.hpp"
#include "support/sso_peer.hpp"
#include "support/staff_client.hpp"
#include "support/temporary_directory.hpp"
#include "support/test_database.hpp"

namespace {

namespace fs = std::filesystem;
using namespace dss::bench;

// A row number, a code with leading zeros, names, amounts, dates, flags, timestamps: the shapes
// staff upload. About 150 bytes a row.
fs::path generated_csv(long rows) {
    auto path = bench_directory() / fmt::format("upload_{}_rows.csv", rows);
    if (fs::exists(path)) return path;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << "row_id,code,name,region,amount,price,quantity,rate,opened,closed,active,verified,"
           "created_at,updated_at,category,label,score,weight,note,postcode\n";
    std::mt19937_64 random(7);
    std::string line;
    for (long row = 1; row <= rows; ++row) {
        auto r = random();
        line = fmt::format(
            "{},{:05},name {},region {},{}.{:02},{}.5,{},0.{:03},2020-{:02}-{:02},2021-{:02}-{:02},"
            "{},{},2020-01-02T03:04:{:02}Z,2021-05-06T07:08:{:02}Z,cat{},label {},{},{}.25,"
            "a note,SW1A {}AA\n",
            row, r % 100000, r % 9973, r % 12, r % 100000, r % 100, r % 1000, r % 50, r % 1000,
            r % 12 + 1, r % 28 + 1, r % 12 + 1, r % 28 + 1, r % 2 == 0 ? "true" : "false",
            r % 3 == 0 ? "true" : "false", r % 60, r % 60, r % 20, r % 500, r % 100, r % 90,
            r % 10);
        out << line;
    }
    return path;
}

struct Figures {
    double megabytes = 0;
    double upload_seconds = 0;
    double direct_write_seconds = 0;
    double verify_seconds = 0;
    double load_seconds = 0;
    double plain_copy_seconds = 0;
    long peak_rss_kib = 0;
};

double write_directly(const fs::path& csv, const fs::path& storage_root) {
    dss::storage::LocalStorage storage(storage_root.string());
    std::ifstream input(csv, std::ios::binary);
    std::vector<char> buffer(std::size_t{1} << 20);
    auto start = Clock::now();
    auto output = storage.create("direct/copy.csv");
    while (input.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
           input.gcount() > 0) {
        output->write({buffer.data(), static_cast<std::size_t>(input.gcount())});
    }
    output->publish();
    auto seconds = seconds_since(start);
    storage.remove("direct/copy.csv");
    return seconds;
}

// One upload of `csv` through the page's form; the seconds it took.
double upload_once(std::uint16_t port, const dss::test::StaffClient& client, const fs::path& csv) {
    auto start = Clock::now();
    auto status = dss::test::streamed_upload(
        port, "/upload/data/bench-upload/", client.cookie(), client.csrf_token(),
        fs::file_size(csv), [&](const std::function<void(std::string_view)>& send) {
            std::ifstream input(csv, std::ios::binary);
            std::vector<char> buffer(std::size_t{1} << 20);
            while (input.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
                   input.gcount() > 0) {
                send({buffer.data(), static_cast<std::size_t>(input.gcount())});
            }
        });
    auto seconds = seconds_since(start);
    if (status.find("303") == std::string::npos) throw std::runtime_error("upload: " + status);
    return seconds;
}

Figures run(long rows) {
    auto csv = generated_csv(rows);
    Figures figures;
    figures.megabytes = static_cast<double>(fs::file_size(csv)) / 1e6;
    dss::test::TestDatabase database;
    migrate(database.url());
    dss::test::TemporaryDirectory storage;
    dss::test::SsoPeer sso;
    auto environment = sso.dss_settings();
    environment["S3_BUCKET_URL"] = storage.path().string();
    dss::test::DssServer server(database.url(), environment);
    dss::test::StaffClient client(server.port());
    client.sign_in("/");
    client.get("/upload/create/");
    client.post_form("/upload/create/", {{"organisation", "bench"}, {"dataset", "upload"}});
    client.get("/upload/data/bench-upload/");

    // Uploads and direct writes alternate, so both meet the same state of the page cache;
    // medians of DSS_BENCH_RUNS (3) each.
    std::vector<double> uploads;
    std::vector<double> direct_writes;
    for (long run = 0; run < environment_number("DSS_BENCH_RUNS", 3); ++run) {
        uploads.push_back(upload_once(server.port(), client, csv));
        direct_writes.push_back(write_directly(csv, storage.path()));
    }
    figures.upload_seconds = median(uploads);
    figures.direct_write_seconds = median(direct_writes);

    dss::db::Connection connection(database.url());
    auto id = connection
                  .execute(
                      "SELECT id::text FROM public.pipeline_data_file ORDER BY uploaded_at "
                      "DESC LIMIT 1")
                  .get<std::string>(0, 0);
    auto verify = "/upload/data/bench-upload/verify/" + id + "/";
    auto start = Clock::now();
    auto page = client.get(verify);
    figures.verify_seconds = seconds_since(start);
    if (page.status != 200) throw std::runtime_error("verify: " + page.body.substr(0, 500));

    start = Clock::now();
    client.post_form(verify, {{"proceed", "yes"}});
    while (true) {
        auto progress = nlohmann::json::parse(client.get("/upload/progress/" + id + "/").body);
        if (progress["state"] == "completed") break;
        if (progress["state"] == "failed") {
            throw std::runtime_error("load failed: " + connection
                                                           .execute("SELECT error_message FROM "
                                                                    "public.pipeline_data_file")
                                                           .get<std::string>(0, 0));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    figures.load_seconds = seconds_since(start);
    figures.peak_rss_kib = server.process().running_peak_rss_kib().value_or(-1);
    figures.plain_copy_seconds = plain_copy(csv, 20);
    return figures;
}

void report(long rows, const Figures& f) {
    fmt::print("{:>10} rows, {:7.1f} MB:\n", rows, f.megabytes);
    fmt::print(
        "  upload   {:7.2f} s  {:7.1f} MB/s   direct write to storage {:6.2f} s: upload at "
        "{:.0f}% of it\n",
        f.upload_seconds, f.megabytes / f.upload_seconds, f.direct_write_seconds,
        100.0 * f.direct_write_seconds / f.upload_seconds);
    fmt::print("  verify   {:7.2f} s  (checks and infers types over the first rows)\n",
               f.verify_seconds);
    fmt::print("  load     {:7.2f} s  plain COPY {:6.2f} s: {:.2f}x of it\n", f.load_seconds,
               f.plain_copy_seconds, f.load_seconds / f.plain_copy_seconds);
    fmt::print("  dss serve peak RSS {:.1f} MiB\n", static_cast<double>(f.peak_rss_kib) / 1024);
}

}  // namespace

int main(int argc, char** argv) {
    long rows = argc > 1 ? std::stol(argv[1]) : 1'000'000;
    long large = environment_number("DSS_BENCH_UPLOAD_LARGE_ROWS", rows * 10);
    fmt::print("uploader: upload, verify and load through dss serve's pages\n");
    report(rows, run(rows));
    if (large > 0) report(large, run(large));
    return 0;
}
