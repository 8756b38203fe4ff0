// The SQL of each pipeline kind, generated from the source definition with quoted identifiers;
// file names and other values always travel as parameters.
#include "pipelines/pipeline_runner.hpp"

#include <array>

#include "core/logging.hpp"
#include "db/copy.hpp"
#include "db/errors.hpp"
#include "db/identifier.hpp"
#include "db/transaction.hpp"
#include "pipelines/datafile_registry.hpp"
#include "pipelines/ignore_rules.hpp"

namespace dss::pipelines {
namespace {

using db::quote_identifier;

std::string column_list(const std::vector<ColumnDefinition>& columns,
                        const std::string& prefix = {}) {
    std::string out;
    for (const auto& column : columns) {
        if (!out.empty()) out += ", ";
        out += prefix + quote_identifier(column.name);
    }
    return out;
}

std::string column_definitions(const std::vector<ColumnDefinition>& columns) {
    std::string out;
    for (const auto& column : columns)
        out += ", " + quote_identifier(column.name) + " " + column.type;
    return out;
}

std::string l0_table(const SourceDefinition& source) {
    return db::qualified_name(source.schema, "L0");
}
std::string l1_table(const SourceDefinition& source) {
    return db::qualified_name(source.schema, "L1");
}

std::string l1_columns(const SourceDefinition& source) {
    std::string out;
    for (const auto& column : source.l1_columns) {
        if (!out.empty()) out += ", ";
        out += quote_identifier(column.name);
    }
    return out;
}

std::string l1_expressions(const SourceDefinition& source) {
    std::string out;
    for (const auto& column : source.l1_columns) {
        if (!out.empty()) out += ", ";
        out += column.expression.empty() ? quote_identifier(column.from)
                                         : "(" + column.expression + ")";
    }
    return out;
}

// The same shapes as db/migrations/0002, so that tables made here and there are one.
std::string create_l0_sql(const SourceDefinition& source) {
    std::string helpers =
        source.is_snapshot()
            ? "id serial PRIMARY KEY, datafile_created text, datafile_updated text, data_hash text"
            : "id serial PRIMARY KEY, datafile_created text";
    std::string sql = "CREATE TABLE IF NOT EXISTS " + l0_table(source) + " (" + helpers +
                      column_definitions(source.l0_columns);
    if (source.is_snapshot()) sql += ", CONSTRAINT \"L0_data_hash_key\" UNIQUE (data_hash)";
    return sql + ")";
}

std::string create_l1_sql(const SourceDefinition& source) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + l1_table(source) +
                      " (id serial PRIMARY KEY, data_source_row_id int";
    for (const auto& column : source.l1_columns)
        sql += ", " + quote_identifier(column.name) + " " + column.type;
    return sql + ", CONSTRAINT \"L1_data_source_row_id_key\" UNIQUE (data_source_row_id))";
}

std::string copy_sql(const SourceDefinition& source) {
    auto columns = column_list(source.l0_columns);
    std::string sql = "COPY pg_temp.load (" + columns + ") FROM STDIN WITH (FORMAT csv";
    if (source.reader.header) sql += ", HEADER true";
    sql += ", DELIMITER " + std::string(source.reader.delimiter == '\''
                                            ? "''''"
                                            : "'" + std::string(1, source.reader.delimiter) + "'");
    // A quoted empty field is NULL, an escaped quote stays a quote (decision 4).
    sql += ", FORCE_NULL (" + columns + ")";
    sql += ", ENCODING '" + source.reader.encoding + "')";
    return sql;
}

// Appends the loaded rows; returns the number of L0 rows added.
std::int64_t append_rows(db::Connection& connection, const SourceDefinition& source,
                         const std::string& file) {
    auto columns = column_list(source.l0_columns);
    if (!source.is_snapshot()) {
        std::string insert = "INSERT INTO " + l0_table(source) + " (datafile_created, " + columns +
                             ") SELECT $1, " + columns + " FROM pg_temp.load";
        if (!source.has_l1())
            return static_cast<std::int64_t>(connection.execute(insert, file).affected_rows());
        // L0 and L1 in one statement: L1 rows point at the L0 ids just made.
        auto sql = "WITH inserted AS (" + insert + " RETURNING id, " + columns + ") INSERT INTO " +
                   l1_table(source) + " (data_source_row_id, " + l1_columns(source) +
                   ") SELECT id, " + l1_expressions(source) + " FROM inserted";
        return static_cast<std::int64_t>(connection.execute(sql, file).affected_rows());
    }
    auto insert = "INSERT INTO " + l0_table(source) +
                  " (datafile_created, datafile_updated, data_hash, " + columns +
                  ") SELECT DISTINCT ON (" + columns + ") $1, $1, md5(ROW(" + columns +
                  ")::text), " + columns +
                  " FROM pg_temp.load ON CONFLICT (data_hash) DO UPDATE SET datafile_updated = "
                  "excluded.datafile_updated";
    // Rows first seen in this file are the ones whose datafile_created is still this file.
    auto added = connection
                     .execute("WITH upserted AS (" + insert +
                                  " RETURNING datafile_created) SELECT count(*) FROM upserted "
                                  "WHERE datafile_created = $1",
                              file)
                     .get<std::int64_t>(0, 0);
    if (source.has_l1()) {
        connection.execute(
            "INSERT INTO " + l1_table(source) + " (data_source_row_id, " + l1_columns(source) +
                ") SELECT id, " + l1_expressions(source) + " FROM " + l0_table(source) +
                " WHERE datafile_created = $1 ON CONFLICT (data_source_row_id) DO NOTHING",
            file);
    }
    return added;
}

std::string basename_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool SourceResult::succeeded() const {
    return std::all_of(files.begin(), files.end(),
                       [](const FileResult& file) { return file.succeeded; });
}

bool SourceResult::changed_data() const {
    return std::any_of(files.begin(), files.end(),
                       [](const FileResult& file) { return file.rows_added > 0; });
}

PipelineRunner::PipelineRunner(db::Connection& connection, const storage::Storage& storage,
                               std::string datasets_folder)
    : connection_(connection), storage_(storage), datasets_folder_(std::move(datasets_folder)) {}

void PipelineRunner::ensure_tables(const SourceDefinition& source) {
    connection_.execute("CREATE SCHEMA IF NOT EXISTS " + quote_identifier(source.schema));
    connection_.execute(create_l0_sql(source));
    if (source.has_l1()) connection_.execute(create_l1_sql(source));
}

void PipelineRunner::empty_tables(const SourceDefinition& source) {
    // TRUNCATE rather than DROP: indexes, views and grants on the tables stay valid (decision 3).
    std::string tables = l0_table(source) + (source.has_l1() ? ", " + l1_table(source) : "");
    connection_.execute("TRUNCATE " + tables + " RESTART IDENTITY");
}

std::int64_t PipelineRunner::load_file(const SourceDefinition& source, const std::string& path,
                                       const std::string& file, const RunOptions& options) {
    auto input = storage_.open(path);
    if (input->size() == 0) throw std::runtime_error("the file is empty");
    // A rebuild loads several files in one transaction: start each from an empty load table.
    connection_.execute("DROP TABLE IF EXISTS pg_temp.load");
    connection_.execute("CREATE TEMPORARY TABLE load (" +
                        column_definitions(source.l0_columns).substr(2) + ") ON COMMIT DROP");
    db::CopyIn copy(connection_, copy_sql(source));
    std::array<char, 1 << 16> buffer{};
    std::uint64_t read = 0;
    bool first = true;
    while (auto count = input->read(buffer.data(), buffer.size())) {
        std::string_view chunk(buffer.data(), count);
        // A UTF-8 byte-order mark is not data (decision 12).
        if (first && chunk.starts_with("\xEF\xBB\xBF")) chunk.remove_prefix(3);
        first = false;
        copy.write(chunk);
        read += count;
        if (options.on_progress) options.on_progress(file, read, input->size());
    }
    auto loaded = copy.finish();
    if (loaded == 0) throw std::runtime_error("the file holds no rows");
    return append_rows(connection_, source, basename_of(file));
}

SourceResult PipelineRunner::run(const SourceDefinition& source, const RunOptions& options) {
    SourceResult result{source.id, {}, 0};
    DatafileRegistry registry(connection_);
    ensure_tables(source);
    auto folder = datasets_folder_.empty() ? source.sub_directory
                                           : datasets_folder_ + "/" + source.sub_directory;
    auto done = registry.done_files(source.id);
    std::vector<storage::FileEntry> pending;
    for (const auto& entry : storage_.list(folder)) {
        auto file = entry.name.substr(folder.size() + 1);
        if (is_ignored(file)) continue;
        if (!options.force && done.contains(file)) {
            ++result.skipped;
            continue;
        }
        pending.push_back(entry);
    }
    auto relative = [&](const storage::FileEntry& entry) {
        return entry.name.substr(folder.size() + 1);
    };

    if (!options.force) {
        for (const auto& entry : pending) {
            FileResult outcome{relative(entry), false, 0, {}};
            try {
                db::Transaction transaction(connection_);
                outcome.rows_added = load_file(source, entry.name, outcome.file, options);
                registry.record(source.id, outcome.file, FileState::processed);
                transaction.commit();
                outcome.succeeded = true;
            } catch (const std::exception& error) {
                outcome.error = entry.name + ": " + error.what();
                core::logger("ingest")->error("{} failed: {}", source.id, outcome.error);
                // The file's work is rolled back; its failure is recorded on its own.
                registry.record(source.id, outcome.file, FileState::failed, outcome.error);
            }
            result.files.push_back(std::move(outcome));
        }
        return result;
    }

    // A rebuild is one transaction: readers keep the old tables until every file has loaded,
    // and a failure anywhere leaves them as they were.
    std::size_t current = 0;
    try {
        db::Transaction transaction(connection_);
        empty_tables(source);
        for (; current < pending.size(); ++current) {
            FileResult outcome{relative(pending[current]), false, 0, {}};
            outcome.rows_added = load_file(source, pending[current].name, outcome.file, options);
            registry.record(source.id, outcome.file, FileState::processed);
            outcome.succeeded = true;
            result.files.push_back(std::move(outcome));
        }
        transaction.commit();
    } catch (const std::exception& error) {
        if (pending.empty()) throw;  // emptying the tables failed: nothing to attribute to a file
        current = std::min(current, pending.size() - 1);
        auto message = pending[current].name + ": " + error.what();
        core::logger("ingest")->error("{} rebuild failed: {}", source.id, message);
        registry.record(source.id, relative(pending[current]), FileState::failed, message);
        result.files.clear();
        for (std::size_t i = 0; i < pending.size(); ++i) {
            result.files.push_back({relative(pending[i]), false, 0,
                                    i == current ? message
                                                 : "not loaded: the rebuild stopped at " +
                                                       relative(pending[current])});
        }
    }
    return result;
}

}  // namespace dss::pipelines
