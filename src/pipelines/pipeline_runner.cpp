// Files through a source's pipeline: incremental kinds COPY straight into L0, snapshot kinds
// through a temporary table that deduplicates; L1 follows from the L0 rows the file added.
#include "pipelines/pipeline_runner.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/logging.hpp"
#include "db/copy.hpp"
#include "db/errors.hpp"
#include "db/identifier.hpp"
#include "db/transaction.hpp"
#include "formats/line_counter.hpp"
#include "formats/zip_archive.hpp"
#include "pipelines/datafile_registry.hpp"
#include "pipelines/ignore_rules.hpp"
#include "pipelines/member_pattern.hpp"
#include "pipelines/pipeline_sql.hpp"

namespace dss::pipelines {
namespace {

std::int64_t first_number(const db::Result& result) { return result.get<std::int64_t>(0, 0); }

std::string basename_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool SourceResult::succeeded() const {
    return std::all_of(files.begin(), files.end(),
                       [](const FileResult& file) { return file.succeeded; });
}

std::size_t SourceResult::processed() const {
    return static_cast<std::size_t>(std::count_if(
        files.begin(), files.end(), [](const FileResult& file) { return file.succeeded; }));
}

std::int64_t SourceResult::rows_added() const {
    std::int64_t rows = 0;
    for (const auto& file : files) rows += file.rows_added;
    return rows;
}

bool SourceResult::changed_data() const {
    return std::any_of(files.begin(), files.end(),
                       [](const FileResult& file) { return file.rows_added > 0; });
}

PipelineRunner::PipelineRunner(db::Connection& connection, const storage::Storage& storage,
                               std::string datasets_folder)
    : connection_(connection), storage_(storage), datasets_folder_(std::move(datasets_folder)) {}

void PipelineRunner::ensure_tables(const SourceDefinition& source) {
    connection_.execute("CREATE SCHEMA IF NOT EXISTS " + db::quote_identifier(source.schema));
    connection_.execute(sql::create_l0(source));
    // L0 tables made before datafile_created had its default (or by the migrations) get it.
    auto current_default = connection_.execute(
        "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d ON "
        "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = $1::regclass AND "
        "a.attname = 'datafile_created'",
        sql::l0_table(source));
    if (current_default.rows() != 1) {
        throw std::runtime_error(sql::l0_table(source) + " has no datafile_created column");
    }
    if (current_default.is_null(0, 0))
        connection_.execute(sql::set_datafile_created_default(source));
    if (!source.has_l1()) return;
    connection_.execute(sql::create_l1(source));
    if (!source.l1_unique_source_row) connection_.execute(sql::index_l1_source_rows(source));
}

void PipelineRunner::lock_source(const SourceDefinition& source) {
    // Loads of one source wait for each other: L0 ids then grow with each file, and a file
    // another run has just loaded is seen as done.
    connection_.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                        "dss.ingest/" + source.id);
}

std::uint64_t PipelineRunner::stream_copy(const SourceDefinition& source,
                                          storage::InputStream& input, const std::string& table,
                                          const std::string& label, const RunOptions& options) {
    std::array<char, 1 << 16> buffer{};
    // A read may return fewer bytes than asked: gather enough to see a byte-order mark.
    std::size_t count = 0;
    for (std::size_t got = 1; count < 3 && got > 0; count += got)
        got = input.read(buffer.data() + count, buffer.size() - count);
    std::string_view chunk(buffer.data(), count);
    // A UTF-8 byte-order mark means UTF-8 whatever the source usually sends, and is not data
    // (decision 12).
    auto encoding = source.reader.encoding;
    if (chunk.starts_with("\xEF\xBB\xBF")) {
        chunk.remove_prefix(3);
        encoding = "UTF8";
    }
    db::CopyIn copy(connection_, sql::copy_into(source, table, encoding));
    Progress progress{label, 0, input.size(), 0, false};
    formats::LineCounter lines;
    while (count > 0) {
        copy.write(chunk);
        if (options.on_progress) {
            progress.bytes_read += count;
            auto counted = lines.add(chunk);
            progress.rows_read = source.reader.header && counted > 0 ? counted - 1 : counted;
            options.on_progress(progress);
        }
        count = input.read(buffer.data(), buffer.size());
        chunk = std::string_view(buffer.data(), count);
    }
    auto rows = copy.finish();
    if (rows == 0) throw std::runtime_error(label + " holds no rows");
    if (options.on_progress) {
        progress.rows_read = rows;
        progress.finishing = true;
        options.on_progress(progress);
    }
    return rows;
}

// Loads one CSV (a file, or a zip member) and returns the L0 rows it added. `values` are $1
// (the file's base name) and then the file parameters.
std::int64_t PipelineRunner::load_csv(const SourceDefinition& source, storage::InputStream& input,
                                      const std::string& label,
                                      const std::vector<db::Parameter>& values,
                                      const RunOptions& options) {
    // Statements that use only $1 must be given only $1.
    const std::vector<db::Parameter> file_only(values.begin(), values.begin() + 1);
    auto before = first_number(connection_.execute(sql::last_l0_id(source)));
    std::int64_t added = 0;
    if (source.is_snapshot()) {
        // A rebuild loads several files in one transaction: each starts from an empty table.
        connection_.execute("DROP TABLE IF EXISTS pg_temp.load");
        connection_.execute(sql::create_load_table(source));
        stream_copy(source, input, "pg_temp.load", label, options);
        connection_.execute_parameters(sql::upsert_snapshot(source), file_only);
        added = first_number(connection_.execute(sql::count_l0_after(source), before));
    } else {
        // Straight into L0: datafile_created defaults to this setting, local to the transaction.
        connection_.execute("SELECT set_config($1, $2, true)", sql::kDatafileSetting,
                            values.front());
        added = static_cast<std::int64_t>(
            stream_copy(source, input, sql::l0_table(source), label, options));
    }
    if (!source.has_l1()) return added;
    if (!source.l1_step.empty()) {
        connection_.execute_parameters(sql::l1_step(source), file_only);
    } else {
        auto projection_values = values;
        projection_values.emplace_back(std::to_string(before));
        connection_.execute_parameters(
            sql::project_l1(source, static_cast<int>(projection_values.size())), projection_values);
    }
    return added;
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
        auto member_path = path;
        member_path.append("/").append(member);
        std::vector<db::Parameter> member_values = values;
        for (const auto& parameter : source.reader.parameters)
            member_values.emplace_back(parameter_value(parameter, groups, member_path));
        auto label = file;
        label.append("/").append(member);
        auto stream = archive.open(index);
        try {
            added += load_csv(source, *stream, label, member_values, options);
        } catch (const std::exception& error) {
            // Name the member: a zip may hold several CSVs.
            throw std::runtime_error(member + ": " + error.what());
        }
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

// The source's files that the ignore rules let through, oldest first, named relative to its
// folder as the registry records them.
std::vector<std::pair<std::string, std::string>> PipelineRunner::source_files(
    const SourceDefinition& source) const {
    auto folder = storage_folder(source, datasets_folder_);
    std::vector<std::pair<std::string, std::string>> files;  // (storage name, relative name)
    for (const auto& entry : storage_.list(folder)) {
        auto file = entry.name.substr(folder.size() + 1);
        if (!is_ignored(file)) files.emplace_back(entry.name, std::move(file));
    }
    return files;
}

SourceResult PipelineRunner::run(const SourceDefinition& source, const RunOptions& options) {
    ensure_tables(source);
    return options.force ? rebuild(source, options) : load_new_files(source, options);
}

SourceResult PipelineRunner::load_new_files(const SourceDefinition& source,
                                            const RunOptions& options) {
    SourceResult result{source.id, {}, 0};
    DatafileRegistry registry(connection_);
    auto done = registry.done_files(source.id);
    for (const auto& [name, file] : source_files(source)) {
        if (done.contains(file)) {
            ++result.skipped;
            continue;
        }
        FileResult outcome{file, false, 0, {}};
        try {
            db::Transaction transaction(connection_);
            lock_source(source);
            if (auto entry = registry.find(source.id, file);
                entry && entry->state == FileState::processed) {
                ++result.skipped;  // another run loaded it while this one waited
                continue;
            }
            outcome.rows_added = load_file(source, name, file, options);
            registry.record(source.id, file, FileState::processed);
            transaction.commit();
            outcome.succeeded = true;
        } catch (const std::exception& error) {
            outcome.error = name + ": " + error.what();
            core::logger("ingest")->error("{} failed: {}", source.id, outcome.error);
            // The file's work is rolled back; its failure is recorded on its own.
            registry.record(source.id, file, FileState::failed, outcome.error);
        }
        result.files.push_back(std::move(outcome));
    }
    return result;
}

// One transaction: the files are listed under the source's lock (so none loaded by another
// run in the meantime is lost), the tables emptied with DELETE (readers go on seeing the old
// rows, where TRUNCATE would block them for the whole rebuild) and every file loaded.
SourceResult PipelineRunner::rebuild(const SourceDefinition& source, const RunOptions& options) {
    SourceResult result{source.id, {}, 0};
    DatafileRegistry registry(connection_);
    std::vector<std::pair<std::string, std::string>> files;
    std::optional<std::size_t> loading;  // the file being loaded when something fails
    try {
        db::Transaction transaction(connection_);
        lock_source(source);
        files = source_files(source);
        for (const auto& statement : sql::empty_tables(source)) connection_.execute(statement);
        for (std::size_t i = 0; i < files.size(); ++i) {
            loading = i;
            const auto& [name, file] = files[i];
            FileResult outcome{file, false, 0, {}};
            outcome.rows_added = load_file(source, name, file, options);
            registry.record(source.id, file, FileState::processed);
            outcome.succeeded = true;
            result.files.push_back(std::move(outcome));
        }
        loading.reset();
        transaction.commit();
    } catch (const std::exception& error) {
        // Emptying the tables or committing failed: no file is to blame.
        if (!loading) throw std::runtime_error("rebuild of " + source.id + ": " + error.what());
        const auto& [failed_name, failed_file] = files[*loading];
        auto message = failed_name + ": " + error.what();
        core::logger("ingest")->error("{} rebuild failed: {}", source.id, message);
        registry.record(source.id, failed_file, FileState::failed, message);
        result.files.clear();
        for (std::size_t i = 0; i < files.size(); ++i) {
            result.files.push_back(
                {files[i].second, false, 0,
                 i == *loading ? message : "not loaded: the rebuild stopped at " + failed_file});
        }
    }
    return result;
}

}  // namespace dss::pipelines
