#include "pipelines/source_loader.hpp"

#include <stdexcept>

#include "core/logging.hpp"
#include "db/copy.hpp"
#include "db/schema_lock.hpp"
#include "db/sequences.hpp"
#include "formats/line_counter.hpp"
#include "pipelines/pipeline_sql.hpp"

namespace dss::pipelines {
namespace {

std::int64_t first_number(const db::Result& result) { return result.get<std::int64_t>(0, 0); }

}  // namespace

SourceLoader::SourceLoader(db::Connection& connection, const SourceDefinition& source)
    : connection_(connection), source_(source) {}

void SourceLoader::ensure_tables() {
    connection_.execute(sql::create_schema(source_));
    connection_.execute(sql::create_l0(source_));
    // L0 tables made before datafile_created had its default (or by the migrations) get it.
    auto current_default =
        connection_.execute(sql::datafile_created_default_of(), sql::l0_table(source_));
    if (current_default.rows() != 1) {
        throw std::runtime_error(sql::l0_table(source_) + " has no datafile_created column");
    }
    if (current_default.is_null(0, 0))
        connection_.execute(sql::set_datafile_created_default(source_));
    if (!source_.has_l1()) return;
    connection_.execute(sql::create_l1(source_));
    if (!source_.l1_unique_source_row) connection_.execute(sql::index_l1_source_rows(source_));
}

void SourceLoader::lock() { db::lock_schema_for_writing(connection_, source_.schema); }

std::uint64_t SourceLoader::copy(CsvPart& part, const std::string& table,
                                 const ProgressCallback& on_progress,
                                 const std::function<bool()>& stop_requested) {
    auto encoding = part.text.encoding().value_or(source_.reader.encoding);
    db::CopyIn copy(connection_,
                    sql::copy_into(source_, table, encoding, part.text.leads_with_file_name()));
    Progress progress{part.label, 0, part.text.size(), 0, false};
    formats::LineCounter lines;
    for (auto chunk = part.text.next(); !chunk.empty(); chunk = part.text.next()) {
        if (stop_requested && stop_requested())
            throw std::runtime_error("stopped while loading " + part.label + " (asked to stop)");
        copy.write(chunk);
        if (on_progress) {
            progress.bytes_read = part.text.bytes_read();
            auto counted = lines.add(chunk);
            progress.rows_read = source_.reader.header && counted > 0 ? counted - 1 : counted;
            on_progress(progress);
        }
    }
    // A file of only a header has no rows: loaded, as the reference did, with none.
    auto rows = copy.finish();
    if (on_progress) {
        progress.rows_read = rows;
        progress.finishing = true;
        on_progress(progress);
    }
    return rows;
}

std::int64_t SourceLoader::load(CsvPart& part, const ProgressCallback& on_progress,
                                const std::function<bool()>& stop_requested) {
    // Statements that use only $1 must be given only $1.
    const std::vector<db::Parameter> file_only(part.values.begin(), part.values.begin() + 1);
    auto before = first_number(connection_.execute(sql::last_l0_id(source_)));
    std::int64_t added = 0;
    if (source_.is_snapshot()) {
        // A rebuild loads several files in one transaction: each starts from an empty table.
        connection_.execute("DROP TABLE IF EXISTS pg_temp.load");
        connection_.execute(sql::create_load_table(source_));
        copy(part, "pg_temp.load", on_progress, stop_requested);
        connection_.execute_parameters(sql::upsert_snapshot(source_), file_only);
        added = first_number(connection_.execute(sql::count_l0_after(source_), before));
    } else {
        // Straight into L0: datafile_created defaults to this setting, local to the transaction.
        connection_.execute("SELECT set_config($1, $2, true)", sql::kDatafileSetting,
                            part.values.front());
        added = static_cast<std::int64_t>(
            copy(part, sql::l0_table(source_), on_progress, stop_requested));
    }
    if (source_.has_l1()) fill_l1(part.values, before);
    return added;
}

void SourceLoader::fill_l1(const std::vector<db::Parameter>& values, std::int64_t after) {
    if (!source_.l1_step.empty()) {
        const std::vector<db::Parameter> file_only(values.begin(), values.begin() + 1);
        connection_.execute_parameters(sql::l1_step(source_), file_only);
        return;
    }
    auto projection_values = values;
    projection_values.emplace_back(std::to_string(after));
    // The rows are wanted in id order, which the primary key's index gives for free; sorting a
    // whole file's rows instead would spill them to disk. Fresh rows have no statistics yet, so
    // the planner is told rather than asked.
    connection_.execute("SELECT set_config('enable_sort', 'off', true)");
    connection_.execute_parameters(
        sql::project_l1(source_, static_cast<int>(projection_values.size())), projection_values);
    connection_.execute("SELECT set_config('enable_sort', 'on', true)");
}

void SourceLoader::empty_tables() {
    std::vector<std::string> tables{sql::l0_table(source_)};
    if (source_.has_l1()) tables.insert(tables.begin(), sql::l1_table(source_));  // L1 -> L0
    for (const auto& table : tables) {
        connection_.execute("DELETE FROM " + table);
        // ALTER SEQUENCE ... RESTART is undone with the transaction, unlike setval. The
        // sequence is looked up: the reference's tables name theirs differently.
        if (auto sequence = db::column_sequence(connection_, table))
            connection_.execute("ALTER SEQUENCE " + *sequence + " RESTART");
    }
}

void SourceLoader::reclaim_space() {
    std::vector<std::string> tables{sql::l0_table(source_)};
    if (source_.has_l1()) tables.push_back(sql::l1_table(source_));
    for (const auto& table : tables) {
        try {
            connection_.execute("VACUUM (ANALYZE) " + table);
        } catch (const std::exception& error) {
            // The rebuild stands; the space is reclaimed by the next VACUUM instead.
            core::logger("ingest")->warn("{}: VACUUM after the rebuild failed: {}", table,
                                         error.what());
        }
    }
}

}  // namespace dss::pipelines
