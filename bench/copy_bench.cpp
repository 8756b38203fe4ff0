// Rows per second through db::CopyIn into a 10-column text table: the pipe every ingest uses.
#include <benchmark/benchmark.h>

#include "bench_database.hpp"
#include "db/connection.hpp"
#include "db/copy.hpp"

namespace {

void BM_CopyInRows(benchmark::State& state) {
    dss::db::Connection connection(dss::bench::bench_database_url());
    connection.execute(
        "CREATE TABLE IF NOT EXISTS copy_bench (c1 text, c2 text, c3 text, c4 text, c5 text, "
        "c6 text, c7 text, c8 text, c9 text, c10 text)");
    const auto rows = state.range(0);
    std::string chunk;
    for (int i = 0; i < 1000; ++i) {
        chunk +=
            "AB1 0AA,E00000001,2024-01-01,12.345,-1.234,text with spaces,\"quoted, comma\",7,,x\n";
    }
    for (auto _ : state) {
        connection.execute("TRUNCATE copy_bench");
        dss::db::CopyIn copy(connection, "COPY copy_bench FROM STDIN WITH (FORMAT csv)");
        for (std::int64_t written = 0; written < rows; written += 1000) copy.write(chunk);
        benchmark::DoNotOptimize(copy.finish());
    }
    state.SetItemsProcessed(state.iterations() * rows);
    state.SetBytesProcessed(state.iterations() * rows *
                            static_cast<std::int64_t>(chunk.size() / 1000));
}
BENCHMARK(BM_CopyInRows)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
