// YAML source definitions, validated strictly: names and types end up in SQL (quoted), so only
// known types and plain column names pass.
#include "pipelines/source_definition.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>

#include "core/errors.hpp"
#include "formats/xbrl/accounts_columns.hpp"
#include "storage/storage_path.hpp"

namespace dss::pipelines {
namespace {

// Sources without an order run after those with one.
constexpr int kLastOrder = 1'000'000;

constexpr std::array<std::string_view, 9> kTypes = {
    "text",    "integer",          "bigint",    "numeric", "date",
    "boolean", "double precision", "timestamp", "text[]"};

[[noreturn]] void reject(const std::filesystem::path& file, const std::string& why) {
    throw core::ConfigError("source definition " + file.string() + ": " + why);
}

std::string required(const YAML::Node& node, const char* key, const std::filesystem::path& file,
                     const std::string& where) {
    if (!node[key] || !node[key].IsScalar()) reject(file, where + "needs '" + key + "'");
    return node[key].as<std::string>();
}

std::string checked_type(const std::string& type, const std::filesystem::path& file,
                         const std::string& column) {
    if (std::find(kTypes.begin(), kTypes.end(), type) == kTypes.end()) {
        reject(file, "column " + column + " has unsupported type '" + type + "'");
    }
    return type;
}

std::string checked_name(const std::string& name, const std::filesystem::path& file) {
    bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    });
    if (!plain) reject(file, "column name '" + name + "' must be letters, digits and _");
    return name;
}

PipelineKind kind_from(const std::string& text, const std::filesystem::path& file) {
    if (text == "l0_incremental") return PipelineKind::l0_incremental;
    if (text == "l1_incremental") return PipelineKind::l1_incremental;
    if (text == "l0_snapshot") return PipelineKind::l0_snapshot;
    if (text == "l1_snapshot") return PipelineKind::l1_snapshot;
    reject(file, "unknown kind '" + text +
                     "' (l0_incremental, l1_incremental, l0_snapshot, l1_snapshot)");
}

int order_of(const YAML::Node& root, const std::filesystem::path& file) {
    if (!root["order"]) return kLastOrder;
    try {
        return root["order"].as<int>();
    } catch (const YAML::Exception&) {
        reject(file, "order must be a whole number");
    }
}

ReaderOptions reader_of(const YAML::Node& reader, const std::filesystem::path& file) {
    ReaderOptions options;
    if (!reader) return options;
    if (reader["delimiter"]) {
        auto delimiter = reader["delimiter"].as<std::string>();
        if (delimiter.size() != 1) reject(file, "reader.delimiter must be one character");
        options.delimiter = delimiter.front();
    }
    if (reader["format"]) {
        auto format = reader["format"].as<std::string>();
        if (format == "csv") {
            options.format = FileFormat::csv;
        } else if (format == "hmrc_exporters") {
            options.format = FileFormat::hmrc_exporters;
        } else if (format == "xbrl_accounts") {
            options.format = FileFormat::xbrl_accounts;
        } else {
            reject(file, "reader.format '" + format +
                             "' is unknown (csv, hmrc_exporters, xbrl_accounts)");
        }
    }
    if (reader["header"]) options.header = reader["header"].as<bool>();
    if (reader["force_null"]) options.force_null = reader["force_null"].as<bool>();
    if (reader["encoding"]) options.encoding = reader["encoding"].as<std::string>();
    if (reader["zip"] && reader["zip"]["member_pattern"])
        options.zip_member_pattern = reader["zip"]["member_pattern"].as<std::string>();
    for (const auto& entry : reader["parameters"]) {
        FileParameter parameter{
            checked_name(entry.first.as<std::string>(), file),
            required(entry.second, "group", file, "parameter "),
            entry.second["format"] ? entry.second["format"].as<std::string>() : "text"};
        if (parameter.format != "month_year" && parameter.format != "text") {
            reject(file, "parameter " + parameter.name + " has unknown format '" +
                             parameter.format + "'");
        }
        options.parameters.push_back(std::move(parameter));
    }
    return options;
}

std::vector<ColumnDefinition> l0_columns_of(const YAML::Node& root,
                                            const std::filesystem::path& file) {
    const auto columns = root["l0_columns"];
    if (!columns || !columns.IsSequence() || columns.size() == 0)
        reject(file, "needs a list of l0_columns");
    std::vector<ColumnDefinition> out;
    for (const auto& column : columns) {
        auto name = checked_name(required(column, "name", file, "an l0 column "), file);
        out.push_back({name, checked_type(required(column, "type", file, name + " "), file, name)});
    }
    return out;
}

std::vector<L1ColumnDefinition> l1_columns_of(const YAML::Node& root,
                                              const std::vector<ColumnDefinition>& l0,
                                              const std::filesystem::path& file) {
    const auto columns = root["l1_columns"];
    if (!columns || !columns.IsSequence()) reject(file, "needs a list of l1_columns");
    std::vector<L1ColumnDefinition> out;
    for (const auto& column : columns) {
        L1ColumnDefinition l1;
        l1.name = checked_name(required(column, "name", file, "an l1 column "), file);
        l1.type = checked_type(required(column, "type", file, l1.name + " "), file, l1.name);
        l1.from = column["from"] ? checked_name(column["from"].as<std::string>(), file) : l1.name;
        if (column["expression"]) l1.expression = column["expression"].as<std::string>();
        bool known = std::any_of(l0.begin(), l0.end(),
                                 [&](const auto& l0_column) { return l0_column.name == l1.from; });
        // An l1_step fills L1 itself; otherwise every column needs a source.
        if (l1.expression.empty() && !known && !root["l1_step"])
            reject(file, "l1 column " + l1.name + " comes from no l0 column");
        out.push_back(std::move(l1));
    }
    return out;
}

// The options that only make sense together, checked once everything is read.
void check_consistency(const SourceDefinition& source, const std::filesystem::path& file) {
    if (!source.l1_step.empty() && !source.has_l1()) reject(file, "l1_step needs an L1 kind");
    // The HMRC reader writes ten quoted fields, comma-separated, no header, empty as empty.
    if (source.reader.format == FileFormat::hmrc_exporters) {
        const auto& reader = source.reader;
        if (reader.header || reader.delimiter != ',' || reader.force_null ||
            source.l0_columns.size() != 10 || !reader.zip_member_pattern.empty() ||
            !reader.parameters.empty()) {
            reject(file,
                   "reader.format hmrc_exporters needs header: false, delimiter ',', "
                   "force_null: false, exactly 10 l0_columns, and no zip pattern or parameters");
        }
    }
    // Readers that write their own CSV lead it with datafile_created, which only L0 has: the
    // snapshot kinds load through a table without it.
    if (source.reader.format != FileFormat::csv && source.is_snapshot())
        reject(file, "this reader.format needs an incremental kind");
    // The accounts reader writes the 37 accounts columns, quoted, comma-separated, no header.
    if (source.reader.format == FileFormat::xbrl_accounts) {
        const auto& reader = source.reader;
        const auto& names = formats::xbrl::accounts_column_names();
        bool same_columns = std::equal(
            source.l0_columns.begin(), source.l0_columns.end(), names.begin(), names.end(),
            [](const auto& column, std::string_view name) { return column.name == name; });
        if (reader.header || reader.delimiter != ',' || reader.force_null || !same_columns ||
            !reader.zip_member_pattern.empty() || !reader.parameters.empty()) {
            reject(file,
                   "reader.format xbrl_accounts needs header: false, delimiter ',', "
                   "force_null: false, the 37 accounts l0_columns in order, and no zip pattern "
                   "or parameters");
        }
    }
    // PostgreSQL cannot type a parameter a statement never uses: each must appear somewhere.
    for (const auto& parameter : source.reader.parameters) {
        bool used = std::any_of(
            source.l1_columns.begin(), source.l1_columns.end(), [&](const auto& column) {
                return column.expression.find(":" + parameter.name) != std::string::npos;
            });
        if (!used) reject(file, "parameter " + parameter.name + " is used by no l1 expression");
    }
    if (!source.l1_unique_source_row && source.l1_step.empty())
        reject(file, "l1_unique_source_row: false needs an l1_step that makes the rows");
}

SourceDefinition parse(const std::filesystem::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& error) {
        reject(file,
               "not valid YAML: line " + std::to_string(error.mark.line + 1) + ": " + error.msg);
    }
    SourceDefinition source;
    source.origin = file;
    source.id = required(root, "id", file, "");
    source.order = order_of(root, file);
    source.group = root["group"] ? root["group"].as<std::string>() : source.id;
    source.schema = root["schema"] ? root["schema"].as<std::string>() : source.id;
    source.sub_directory = required(root, "sub_directory", file, "");
    source.kind = kind_from(required(root, "kind", file, ""), file);
    source.reader = reader_of(root["reader"], file);
    source.l0_columns = l0_columns_of(root, file);
    if (source.has_l1()) source.l1_columns = l1_columns_of(root, source.l0_columns, file);
    if (root["l1_step"]) source.l1_step = root["l1_step"].as<std::string>();
    if (root["trigger_dataflow_dag"])
        source.trigger_dataflow_dag = root["trigger_dataflow_dag"].as<bool>();
    if (root["l1_unique_source_row"]) {
        if (!source.has_l1()) reject(file, "l1_unique_source_row needs an L1 kind");
        source.l1_unique_source_row = root["l1_unique_source_row"].as<bool>();
    }
    check_consistency(source, file);
    return source;
}

}  // namespace

std::vector<SourceDefinition> select_sources(const std::vector<SourceDefinition>& known, bool all,
                                             const std::vector<std::string>& names) {
    auto named = [&](const SourceDefinition& source, const std::string& name) {
        return name == source.id || name == source.group;
    };
    for (const auto& name : names) {
        if (std::none_of(known.begin(), known.end(),
                         [&](const auto& source) { return named(source, name); }))
            throw core::UsageError("unknown source '" + name + "'");
    }
    std::vector<SourceDefinition> chosen;
    std::copy_if(known.begin(), known.end(), std::back_inserter(chosen), [&](const auto& source) {
        return all || std::any_of(names.begin(), names.end(),
                                  [&](const auto& name) { return named(source, name); });
    });
    return chosen;
}

std::string storage_folder(const SourceDefinition& source, const std::string& datasets_folder) {
    return storage::join_folders(datasets_folder, source.sub_directory);
}

std::vector<SourceDefinition> load_source_definitions(const std::filesystem::path& directory) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(directory)) {
        for (const auto& entry : std::filesystem::directory_iterator(directory)) {
            if (entry.path().extension() == ".yml") files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<SourceDefinition> sources;
    for (const auto& file : files) {
        auto source = parse(file);
        for (const auto& other : sources) {
            if (other.id == source.id)
                reject(file, "repeats the id " + source.id + " of " + other.origin.string());
        }
        sources.push_back(std::move(source));
    }
    std::stable_sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
        return std::tie(a.order, a.id) < std::tie(b.order, b.id);
    });
    return sources;
}

}  // namespace dss::pipelines
