// A source pipeline described as data (config/sources/<id>.yml): its tables, columns, types,
// L1 transformations and how its files are read. Adding a CSV source needs no engine code.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dss::pipelines {

// The reference's pipeline kinds (pipelines.md 1.2-1.5).
enum class PipelineKind {
    l0_incremental,  // every file appends its rows to L0
    l1_incremental,  // ... and their projection to L1
    l0_snapshot,     // rows deduplicated by a hash of their values; files mark what they contain
    l1_snapshot,     // ... and rows first seen get an L1 projection
};

struct ColumnDefinition {
    std::string name;
    std::string type;  // one of a fixed set of SQL types (see source_definition.cpp)
};

struct L1ColumnDefinition {
    std::string name;
    std::string type;
    // SQL over the L0 columns of the same row; empty means the L0 column `from` (or the same
    // name). Comes from the shipped configuration, never from users of the API.
    std::string expression;
    std::string from;
};

// A value taken from a loaded file's name, usable as `:name` in L1 expressions.
struct FileParameter {
    std::string name;
    std::string group;   // named group of the zip member pattern
    std::string format;  // "month_year" (MAY_2019 -> 2019-05-01) or "text"
};

// How a stored file becomes CSV text for COPY.
enum class FileFormat {
    csv,             // the file, or each zip member, is CSV already
    hmrc_exporters,  // HMRC's tab-separated Mac Roman lists, in a zip of zips (3.9)
    xbrl_accounts,   // Companies House accounts: a zip of XBRL and inline XBRL documents (3.10)
};

struct ReaderOptions {
    FileFormat format = FileFormat::csv;
    char delimiter = ',';
    bool header = true;
    std::string encoding = "UTF8";  // PostgreSQL's name of the file's encoding
    // A quoted empty field is NULL (decision 4); false keeps it an empty string (HMRC).
    bool force_null = true;
    // For zips: the members to load (RE2, Python-style named groups allowed); empty: every
    // member that the ignore rules let through.
    std::string zip_member_pattern;
    std::vector<FileParameter> parameters;
};

struct SourceDefinition {
    std::string id;             // registry source, e.g. dit.baci
    int order = 0;              // runs go by order, then id; without one, after the others
    std::string group;          // command-line group, e.g. world_bank.tariff
    std::string schema;         // = id unless given
    std::string sub_directory;  // under the datasets folder
    PipelineKind kind = PipelineKind::l1_incremental;
    ReaderOptions reader;
    std::vector<ColumnDefinition> l0_columns;
    std::vector<L1ColumnDefinition> l1_columns;
    // SQL that fills L1 from this file's L0 rows instead of the generic projection: {L0} and
    // {L1} name the tables, :file is the file's base name. Shipped configuration only.
    std::string l1_step;
    // Whether each L0 row has at most one L1 row (UNIQUE data_source_row_id); an unpivoting
    // l1_step makes several.
    bool l1_unique_source_row = true;
    // After a run that added rows, ask data-flow to copy the final table (L1, else L0).
    bool trigger_dataflow_dag = false;
    std::filesystem::path origin;  // the YAML file, for messages

    bool has_l1() const {
        return kind == PipelineKind::l1_incremental || kind == PipelineKind::l1_snapshot;
    }
    // The table data-flow copies: the last one the pipeline writes.
    const char* final_table() const { return has_l1() ? "L1" : "L0"; }
    bool is_snapshot() const {
        return kind == PipelineKind::l0_snapshot || kind == PipelineKind::l1_snapshot;
    }
};

// Where the source's files live in storage: `sub_directory` under the datasets folder.
std::string storage_folder(const SourceDefinition& source, const std::string& datasets_folder);

// The sources `names` (ids or groups) choose, or all of them, in their run order. Throws
// core::UsageError for a name no source has.
std::vector<SourceDefinition> select_sources(const std::vector<SourceDefinition>& known, bool all,
                                             const std::vector<std::string>& names);

// Reads every *.yml of `directory`, sorted by order and then id; throws core::ConfigError naming
// the file and key for anything unknown or missing.
std::vector<SourceDefinition> load_source_definitions(const std::filesystem::path& directory);

}  // namespace dss::pipelines
