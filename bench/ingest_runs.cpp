#include "ingest_runs.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "db/connection.hpp"
#include "db/copy.hpp"
#include "db/migrator.hpp"
#include "support/child_process.hpp"
#include "support/test_database.hpp"

namespace dss::bench {

namespace fs = std::filesystem;

long environment_number(const char* name, long fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::stol(value) : fallback;
}

fs::path bench_directory() {
    const char* value = std::getenv("DSS_BENCH_DIR");
    return value != nullptr && *value != '\0' ? fs::path(value)
                                              : dss::test::source_directory() / "var/bench/ingest";
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void migrate(const std::string& url) {
    dss::db::Connection connection(url);
    dss::db::Migrator(connection, dss::db::parse_migrations(dss::db::embedded_migrations()))
        .upgrade();
}

double plain_copy(const fs::path& csv, int columns, bool header) {
    dss::test::TestDatabase database;
    dss::db::Connection connection(database.url());
    std::string definition;
    for (int i = 0; i < columns; ++i) definition += fmt::format("{}c{} text", i ? ", " : "", i);
    connection.execute("CREATE TABLE plain (" + definition + ")");
    std::ifstream input(csv, std::ios::binary);
    if (!input) throw std::runtime_error("cannot read " + csv.string());
    std::array<char, 1 << 16> buffer{};
    auto start = Clock::now();
    dss::db::CopyIn copy(connection,
                         fmt::format("COPY plain FROM STDIN WITH (FORMAT csv, HEADER {})", header));
    while (input.read(buffer.data(), buffer.size()) || input.gcount() > 0)
        copy.write({buffer.data(), static_cast<std::size_t>(input.gcount())});
    copy.finish();
    return seconds_since(start);
}

IngestRun ingest(const std::string& database_url, const fs::path& storage_root,
                 const std::string& source) {
    auto start = Clock::now();
    dss::test::ChildProcess child(
        {dss::test::dss_binary(), "ingest", "--source", source},
        {{"DSS_DATABASE_URL", database_url}, {"S3_BUCKET_URL", storage_root.string()}});
    auto status = child.wait_for_exit(std::chrono::hours(2));
    IngestRun run{seconds_since(start), child.peak_rss_kib().value_or(0), child.standard_output()};
    if (status != 0) {
        throw std::runtime_error(fmt::format("dss ingest {} failed:\n{}{}", source,
                                             child.standard_output(), child.standard_error()));
    }
    return run;
}

long count_rows(const std::string& url, const std::string& table) {
    dss::db::Connection connection(url);
    return connection.execute("SELECT count(*) FROM " + table).get<long>(0, 0);
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace dss::bench
