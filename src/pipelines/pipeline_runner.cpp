// The SQL of each pipeline kind, generated from the source definition with quoted identifiers;
// file names and other values always travel as parameters.
#include "pipelines/pipeline_runner.hpp"

#include <array>
#include <cctype>
#include <map>
#include <optional>

#include "core/logging.hpp"
#include "db/copy.hpp"
#include "db/errors.hpp"
#include "db/identifier.hpp"
#include "db/transaction.hpp"
#include "formats/zip_archive.hpp"
#include "pipelines/datafile_registry.hpp"
#include "pipelines/ignore_rules.hpp"
#include "pipelines/member_pattern.hpp"

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

// `:name` of a file parameter becomes its statement parameter ($2, $3, ...; $1 is the file).
std::string with_parameters(std::string expression, const SourceDefinition& source) {
    for (std::size_t i = 0; i < source.reader.parameters.size(); ++i) {
        auto token = ":" + source.reader.parameters[i].name;
        auto replacement = "$" + std::to_string(i + 2);
        for (auto at = expression.find(token); at != std::string::npos;
             at = expression.find(token, at)) {
            bool cast = at > 0 && expression[at - 1] == ':';
            auto end = at + token.size();
            bool longer = end < expression.size() &&
                          (std::isalnum(static_cast<unsigned char>(expression[end])) != 0 ||
                           expression[end] == '_');
            if (cast || longer) {
                at = end;
                continue;
            }
            expression.replace(at, token.size(), replacement);
            at += replacement.size();
        }
    }
    return expression;
}

std::string l1_expressions(const SourceDefinition& source) {
    std::string out;
    for (const auto& column : source.l1_columns) {
        if (!out.empty()) out += ", ";
        out += column.expression.empty() ? quote_identifier(column.from)
                                         : "(" + with_parameters(column.expression, source) + ")";
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
    if (source.l1_unique_source_row)
        return sql + ", CONSTRAINT \"L1_data_source_row_id_key\" UNIQUE (data_source_row_id))";
    return sql + ")";
}

// Without the unique constraint, an index still finds the L1 rows of an L0 row quickly.
std::string index_l1_sql(const SourceDefinition& source) {
    return "CREATE INDEX IF NOT EXISTS \"L1_data_source_row_id_idx\" ON " + l1_table(source) +
           " (data_source_row_id)";
}

std::string copy_sql(const SourceDefinition& source, const std::string& encoding) {
    auto columns = column_list(source.l0_columns);
    std::string sql = "COPY pg_temp.load (" + columns + ") FROM STDIN WITH (FORMAT csv";
    if (source.reader.header) sql += ", HEADER true";
    sql += ", DELIMITER " + std::string(source.reader.delimiter == '\''
                                            ? "''''"
                                            : "'" + std::string(1, source.reader.delimiter) + "'");
    // A quoted empty field is NULL, an escaped quote stays a quote (decision 4).
    sql += ", FORCE_NULL (" + columns + ")";
    sql += ", ENCODING '" + encoding + "')";
    return sql;
}

// The source's own L1 step with its placeholders filled in.
std::string l1_step_sql(const SourceDefinition& source) {
    auto sql = source.l1_step;
    for (const auto& [token, value] :
         {std::pair<std::string, std::string>{"{L0}", l0_table(source)},
          std::pair<std::string, std::string>{"{L1}", l1_table(source)},
          std::pair<std::string, std::string>{":file", "$1"}}) {
        for (auto at = sql.find(token); at != std::string::npos;
             at = sql.find(token, at + value.size())) {
            sql.replace(at, token.size(), value);
        }
    }
    return sql;
}

// Appends the loaded rows; returns the number of L0 rows added. `values` are $1 (the file's
// base name) and then the file parameters.
std::int64_t append_rows(db::Connection& connection, const SourceDefinition& source,
                         const std::vector<db::Parameter>& values) {
    auto columns = column_list(source.l0_columns);
    // Statements that use only $1 must be given only $1.
    std::vector<db::Parameter> file_only(values.begin(), values.begin() + 1);
    if (!source.is_snapshot()) {
        std::string insert = "INSERT INTO " + l0_table(source) + " (datafile_created, " + columns +
                             ") SELECT $1, " + columns + " FROM pg_temp.load";
        if (!source.has_l1() || !source.l1_step.empty()) {
            auto added = static_cast<std::int64_t>(
                connection.execute_parameters(insert, file_only).affected_rows());
            if (source.has_l1()) connection.execute_parameters(l1_step_sql(source), file_only);
            return added;
        }
        // L0 and L1 in one statement: L1 rows point at the L0 ids just made.
        auto sql = "WITH inserted AS (" + insert + " RETURNING id, " + columns + ") INSERT INTO " +
                   l1_table(source) + " (data_source_row_id, " + l1_columns(source) +
                   ") SELECT id, " + l1_expressions(source) + " FROM inserted";
        return static_cast<std::int64_t>(
            connection.execute_parameters(sql, values).affected_rows());
    }
    auto insert = "INSERT INTO " + l0_table(source) +
                  " (datafile_created, datafile_updated, data_hash, " + columns +
                  ") SELECT DISTINCT ON (" + columns + ") $1, $1, md5(ROW(" + columns +
                  ")::text), " + columns +
                  " FROM pg_temp.load ON CONFLICT (data_hash) DO UPDATE SET datafile_updated = "
                  "excluded.datafile_updated";
    // Rows first seen in this file are the ones whose datafile_created is still this file.
    auto added = connection
                     .execute_parameters("WITH upserted AS (" + insert +
                                             " RETURNING datafile_created) SELECT count(*) FROM "
                                             "upserted WHERE datafile_created = $1",
                                         file_only)
                     .get<std::int64_t>(0, 0);
    if (source.has_l1() && !source.l1_step.empty()) {
        connection.execute_parameters(l1_step_sql(source), file_only);
    } else if (source.has_l1()) {
        connection.execute_parameters(
            "INSERT INTO " + l1_table(source) + " (data_source_row_id, " + l1_columns(source) +
                ") SELECT id, " + l1_expressions(source) + " FROM " + l0_table(source) +
                " WHERE datafile_created = $1 ON CONFLICT (data_source_row_id) DO NOTHING",
            values);
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
    if (!source.has_l1()) return;
    connection_.execute(create_l1_sql(source));
    if (!source.l1_unique_source_row) connection_.execute(index_l1_sql(source));
}

void PipelineRunner::empty_tables(const SourceDefinition& source) {
    // TRUNCATE rather than DROP: indexes, views and grants on the tables stay valid (decision 3).
    std::string tables = l0_table(source) + (source.has_l1() ? ", " + l1_table(source) : "");
    connection_.execute("TRUNCATE " + tables + " RESTART IDENTITY");
}

// Streams one CSV (a file, or a zip member) into a fresh load table and appends its rows.
std::int64_t PipelineRunner::load_csv(const SourceDefinition& source, storage::InputStream& input,
                                      const std::string& label,
                                      const std::vector<db::Parameter>& values,
                                      const RunOptions& options) {
    // A rebuild loads several files in one transaction: start each from an empty load table.
    connection_.execute("DROP TABLE IF EXISTS pg_temp.load");
    connection_.execute("CREATE TEMPORARY TABLE load (" +
                        column_definitions(source.l0_columns).substr(2) + ") ON COMMIT DROP");
    std::array<char, 1 << 16> buffer{};
    auto count = input.read(buffer.data(), buffer.size());
    std::string_view chunk(buffer.data(), count);
    // A UTF-8 byte-order mark means UTF-8 whatever the source usually sends, and is not data
    // (decision 12).
    auto encoding = source.reader.encoding;
    if (chunk.starts_with("\xEF\xBB\xBF")) {
        chunk.remove_prefix(3);
        encoding = "UTF8";
    }
    db::CopyIn copy(connection_, copy_sql(source, encoding));
    std::uint64_t read = 0;
    while (count > 0) {
        copy.write(chunk);
        read += count;
        if (options.on_progress) options.on_progress(label, read, input.size());
        count = input.read(buffer.data(), buffer.size());
        chunk = std::string_view(buffer.data(), count);
    }
    if (copy.finish() == 0) throw std::runtime_error(label + " holds no rows");
    return append_rows(connection_, source, values);
}

std::int64_t PipelineRunner::load_file(const SourceDefinition& source, const std::string& path,
                                       const std::string& file, const RunOptions& options) {
    auto input = storage_.open(path);
    if (input->size() == 0) throw std::runtime_error("the file is empty");
    std::vector<db::Parameter> values{basename_of(file)};
    if (!file.ends_with(".zip")) {
        if (!source.reader.parameters.empty()) {
            throw std::runtime_error("expected a zip whose members carry " +
                                     source.reader.parameters.front().name);
        }
        return load_csv(source, *input, file, values, options);
    }
    // Every member the pattern (or, without one, the ignore rules) admits, in zip order, all
    // in this file's transaction (decision 6).
    formats::ZipArchive archive(std::move(input), path);
    std::optional<MemberPattern> pattern;
    if (!source.reader.zip_member_pattern.empty())
        pattern.emplace(source.reader.zip_member_pattern);
    std::int64_t added = 0;
    bool any = false;
    for (std::size_t index = 0; index < archive.members().size(); ++index) {
        const auto& member = archive.members()[index];
        if (is_ignored(member)) continue;
        std::map<std::string, std::string> groups;
        if (pattern) {
            auto matched = pattern->match(member);
            if (!matched) continue;
            groups = std::move(*matched);
        }
        std::vector<db::Parameter> member_values = values;
        for (const auto& parameter : source.reader.parameters) {
            member_values.emplace_back(parameter_value(parameter, groups, path + "/" + member));
        }
        auto stream = archive.open(index);
        added += load_csv(source, *stream, file + "/" + member, member_values, options);
        any = true;
    }
    if (!any) {
        throw std::runtime_error(
            "no valid CSV found in the zip" +
            (pattern ? " (members must match " + source.reader.zip_member_pattern + ")"
                     : std::string()));
    }
    return added;
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
