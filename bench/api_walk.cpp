// Walks a 1,000,000-row ONS-shaped table through GET /api/v1/get-ons-postcodes/ with a Hawk
// client over keep-alive (1,000 rows a page) and compares it with PostgreSQL alone running the
// same keyset queries through libpq. Prints pages/s, MB/s, latency percentiles and the
// server's peak RSS; then the same with 8 concurrent clients on different id ranges.
//
//   build/bench/dss_api_walk [rows]      (default 1000000; DSS_TEST_ADMIN_URL picks the cluster)
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

#include "auth/hawk_client.hpp"
#include "auth/hawk_client_directory.hpp"
#include "bench_database.hpp"
#include "core/logging.hpp"
#include "db/connection.hpp"
#include "db/migrator.hpp"
#include "support/dss_server.hpp"
#include "support/http_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using dss::auth::HawkCredentials;

const HawkCredentials kClient{"bench-client", "bench-key-0123456789abcdef", "sha256"};
constexpr int kPageSize = 1000;
constexpr const char* kPath = "/api/v1/get-ons-postcodes/";

// 50 text columns as ONSPD has, dates where L1 has them; values vary per row.
void generate_table(dss::db::Connection& connection, long rows) {
    dss::db::Migrator(connection, dss::db::parse_migrations(dss::db::embedded_migrations()))
        .upgrade();
    dss::auth::add_hawk_client(connection, {kClient, {"*"}}, "benchmark");
    auto existing =
        connection.execute(R"(SELECT count(*) FROM "ons.postcode_directory"."L1")").get<long>(0, 0);
    if (existing == rows) return;
    connection.execute(R"(TRUNCATE "ons.postcode_directory"."L1")");
    auto start = Clock::now();
    connection.execute(R"(
        INSERT INTO "ons.postcode_directory"."L1" (data_source_row_id, pcd, pcd2, pcds, dointr, doterm, oscty, ced,
          oslaua, osward, parish, usertype, oseast1m, osnrth1m, osgrdind, oshlthau, nhser, ctry, rgn, streg, pcon,
          eer, teclec, ttwa, pct, nuts, statsward, oa01, casward, park, lsoa01, msoa01, ur01ind, oac01, oa11,
          lsoa11, msoa11, wz11, ccg, bua11, buasd11, ru11ind, oac11, lat, long, lep1, lep2, pfa, imd, calncv, stp,
          publication_date)
        SELECT g, 'AB1 ' || g, 'AB1  ' || g, 'AB1 ' || g, date '1980-01-01' + (g % 9000)::int, NULL,
          'E1000000' || (g % 10), 'E5800000' || (g % 7), 'E0600000' || (g % 9), 'E0500' || (g % 9999), 'E0400000' || (g % 5),
          (g % 2)::text, (390000 + g % 10000)::text, (800000 + g % 9000)::text, '1', 'E1600000' || (g % 3),
          'E4000000' || (g % 7), 'E92000001', 'E12000007', '0', 'E1400000' || (g % 650), 'E15000007', 'E41000324',
          'E30000234', 'E16000072', 'UKI32', '00AAFA', 'E00000' || (g % 999), '00AAFA', 'E99999999',
          'E01000' || (g % 999), 'E02000' || (g % 999), 'A', '1A1', 'E00000' || (g % 999), 'E01000' || (g % 999),
          'E02000' || (g % 999), 'E33000' || (g % 999), 'E38000' || (g % 200), 'E34004' || (g % 999), 'E35000' || (g % 99),
          'A1', '7B3', (51 + (g % 1000) / 1000.0)::text, (-1 + (g % 500) / 1000.0)::text, 'E37000023', '',
          'E23000001', (g % 32844)::text, 'E56000' || (g % 99), 'E54000' || (g % 42), date '2019-05-01'
        FROM generate_series(1, $1::bigint) g)",
                       rows);
    connection.execute(R"(VACUUM ANALYZE "ons.postcode_directory"."L1")");
    fmt::print("generated {} rows in {:.1f} s\n", rows,
               std::chrono::duration<double>(Clock::now() - start).count());
}

struct WalkResult {
    long pages = 0;
    long rows = 0;
    std::uint64_t bytes = 0;
    double seconds = 0;
    std::vector<double> latencies_ms;
};

// Walks [from, to) through the API, following `next` URLs.
WalkResult walk_api(std::uint16_t port, long from, long to) {
    WalkResult result;
    dss::test::HttpConnection connection(port);
    std::string url = fmt::format("http://127.0.0.1:{}{}?next-id={}", port, kPath, from);
    auto start = Clock::now();
    while (!url.empty()) {
        auto parts = dss::http_client::parse_url(url);
        auto signed_request = dss::auth::sign_request(kClient, "GET", parts, std::nullopt);
        auto page_start = Clock::now();
        auto reply =
            connection.get(parts.resource, {{"Authorization", signed_request.authorization}});
        result.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - page_start).count());
        if (reply.status != 200)
            throw std::runtime_error(fmt::format("page {} answered {}", url, reply.status));
        result.bytes += reply.body.size();
        ++result.pages;
        // The next id sits at the end of the body; avoid a full parse in the client's hot loop.
        auto next = reply.body.rfind("next-id=");
        url.clear();
        if (next != std::string::npos) {
            auto id = std::stol(reply.body.substr(next + 8));
            result.rows += kPageSize;
            if (id < to)
                url = fmt::format("http://127.0.0.1:{}{}?orientation=tabular&next-id={}", port,
                                  kPath, id);
        } else {
            result.rows += static_cast<long>(nlohmann::json::parse(reply.body)["values"].size());
        }
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

// The same keyset queries through libpq, every value read and discarded.
WalkResult walk_postgres(const std::string& url, long from, long to) {
    WalkResult result;
    dss::db::Connection connection(url);
    auto columns = connection
                       .execute(R"(SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
        FROM pg_attribute WHERE attrelid = '"ons.postcode_directory"."L1"'::regclass AND attnum > 0
        AND NOT attisdropped AND attname NOT IN ('id', 'data_source_row_id'))")
                       .get<std::string>(0, 0);
    auto sql = "SELECT \"id\", \"id\", " + columns +
               R"( FROM "ons.postcode_directory"."L1" WHERE "id" >= $2 ORDER BY "id" LIMIT $1)";
    long next = from;
    auto start = Clock::now();
    while (next < to) {
        auto page_start = Clock::now();
        auto page = connection.execute(sql, kPageSize + 1, next);
        std::size_t touched = 0;
        int rows = std::min(page.rows(), kPageSize);
        for (int row = 0; row < rows; ++row) {
            for (int column = 0; column < page.columns(); ++column)
                touched += page.text(row, column).size();
        }
        result.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - page_start).count());
        result.bytes += touched;
        result.rows += rows;
        ++result.pages;
        if (page.rows() <= kPageSize) break;
        next = page.get<long>(kPageSize, 0);
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

long peak_rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
    }
    return -1;
}

void report(const char* name, const WalkResult& walk) {
    fmt::print(
        "  {:<34} {:>8.1f} pages/s {:>8.1f} MB/s  p50 {:>6.2f} ms  p99 {:>6.2f} ms  ({} rows, "
        "{:.1f} s)\n",
        name, static_cast<double>(walk.pages) / walk.seconds,
        static_cast<double>(walk.bytes) / 1e6 / walk.seconds, percentile(walk.latencies_ms, 0.5),
        percentile(walk.latencies_ms, 0.99), walk.rows, walk.seconds);
}

template <typename Walk>
WalkResult concurrent(int clients, long rows, Walk walk) {
    std::vector<WalkResult> results(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    auto start = Clock::now();
    long range = rows / clients;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            long from = 1 + i * range;
            long to = i == clients - 1 ? rows + 1 : from + range;
            results[static_cast<std::size_t>(i)] = walk(from, to);
        });
    }
    for (auto& thread : threads) thread.join();
    WalkResult total;
    for (auto& result : results) {
        total.pages += result.pages;
        total.rows += result.rows;
        total.bytes += result.bytes;
        total.latencies_ms.insert(total.latencies_ms.end(), result.latencies_ms.begin(),
                                  result.latencies_ms.end());
    }
    total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    dss::core::configure_logging("warning");
    long rows = argc > 1 ? std::stol(argv[1]) : 1'000'000;
    const auto& url = dss::bench::bench_database_url();
    {
        dss::db::Connection connection(url);
        generate_table(connection, rows);
    }
    dss::test::DssServer server(url, {{"DSS_PAGINATION_SIZE", "1000"}});
    fmt::print("API walk of {} rows (51 columns), {} rows a page\n", rows, kPageSize);

    // This machine's timings wander by a third between runs: alternate the two walks three
    // times and compare the medians.
    auto median_of = [](std::vector<WalkResult> runs) {
        std::sort(runs.begin(), runs.end(),
                  [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
        return runs[runs.size() / 2];
    };
    auto pages_per_second = [](const WalkResult& walk) {
        return static_cast<double>(walk.pages) / walk.seconds;
    };
    std::vector<WalkResult> postgres_runs;
    std::vector<WalkResult> api_runs;
    for (int round = 0; round < 3; ++round) {
        postgres_runs.push_back(walk_postgres(url, 1, rows + 1));
        api_runs.push_back(walk_api(server.port(), 1, rows + 1));
    }
    auto postgres = median_of(postgres_runs);
    auto api = median_of(api_runs);
    report("PostgreSQL alone, 1 connection", postgres);
    report("API, 1 Hawk client", api);
    fmt::print("  API / PostgreSQL pages per second (medians of 3): {:.0f}%\n",
               100.0 * pages_per_second(api) / pages_per_second(postgres));

    std::vector<WalkResult> postgres8_runs;
    std::vector<WalkResult> api8_runs;
    for (int round = 0; round < 3; ++round) {
        postgres8_runs.push_back(
            concurrent(8, rows, [&](long from, long to) { return walk_postgres(url, from, to); }));
        api8_runs.push_back(concurrent(
            8, rows, [&](long from, long to) { return walk_api(server.port(), from, to); }));
    }
    auto postgres8 = median_of(postgres8_runs);
    auto api8 = median_of(api8_runs);
    report("PostgreSQL alone, 8 connections", postgres8);
    report("API, 8 Hawk clients", api8);
    fmt::print("  API 8 clients / 1 client: {:.2f}x;  API / PostgreSQL with 8: {:.0f}%\n",
               pages_per_second(api8) / pages_per_second(api),
               100.0 * pages_per_second(api8) / pages_per_second(postgres8));
    fmt::print("  dss serve peak RSS: {} MiB\n", peak_rss_kib(server.process().pid()) / 1024);
    return 0;
}
