#include "pipelines/pipeline_sql.hpp"

#include <cctype>
#include <utility>

#include "db/identifier.hpp"

namespace dss::pipelines::sql {
namespace {

using db::quote_identifier;

std::string column_list(const SourceDefinition& source, const std::string& prefix = {}) {
    std::string out;
    for (const auto& column : source.l0_columns) {
        if (!out.empty()) out += ", ";
        out += prefix + quote_identifier(column.name);
    }
    return out;
}

std::string column_definitions(const std::vector<ColumnDefinition>& columns) {
    std::string out;
    for (const auto& column : columns) {
        if (!out.empty()) out += ", ";
        out += quote_identifier(column.name) + " " + column.type;
    }
    return out;
}

std::string l1_columns(const SourceDefinition& source) {
    std::string out;
    for (const auto& column : source.l1_columns) {
        if (!out.empty()) out += ", ";
        out += quote_identifier(column.name);
    }
    return out;
}

// Replaces each `:name` token by its statement parameter, leaving casts (`::date`) and longer
// names (`:filename` when replacing `:file`) alone.
std::string with_tokens(std::string sql,
                        const std::vector<std::pair<std::string, std::string>>& tokens) {
    for (const auto& [token, replacement] : tokens) {
        for (auto at = sql.find(token); at != std::string::npos; at = sql.find(token, at)) {
            bool cast = at > 0 && sql[at - 1] == ':';
            auto end = at + token.size();
            bool longer =
                end < sql.size() &&
                (std::isalnum(static_cast<unsigned char>(sql[end])) != 0 || sql[end] == '_');
            if (cast || longer) {
                at = end;
                continue;
            }
            sql.replace(at, token.size(), replacement);
            at += replacement.size();
        }
    }
    return sql;
}

// File parameters are $2, $3, ... ($1 is the file).
std::string with_parameters(const std::string& expression, const SourceDefinition& source) {
    std::vector<std::pair<std::string, std::string>> tokens;
    for (std::size_t i = 0; i < source.reader.parameters.size(); ++i)
        tokens.emplace_back(":" + source.reader.parameters[i].name, "$" + std::to_string(i + 2));
    return with_tokens(expression, tokens);
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

std::string delimiter_literal(char delimiter) {
    return delimiter == '\'' ? "''''" : "'" + std::string(1, delimiter) + "'";
}

}  // namespace

std::string l0_table(const SourceDefinition& source) {
    return db::qualified_name(source.schema, "L0");
}

std::string l1_table(const SourceDefinition& source) {
    return db::qualified_name(source.schema, "L1");
}

std::string datafile_created_default() {
    return std::string("current_setting('") + kDatafileSetting + "', true)";
}

std::string create_schema(const SourceDefinition& source) {
    return "CREATE SCHEMA IF NOT EXISTS " + quote_identifier(source.schema);
}

std::string create_l0(const SourceDefinition& source) {
    std::string helpers =
        "id serial PRIMARY KEY, datafile_created text DEFAULT " + datafile_created_default();
    if (source.is_snapshot()) helpers += ", datafile_updated text, data_hash text";
    std::string sql = "CREATE TABLE IF NOT EXISTS " + l0_table(source) + " (" + helpers + ", " +
                      column_definitions(source.l0_columns);
    if (source.is_snapshot()) sql += ", CONSTRAINT \"L0_data_hash_key\" UNIQUE (data_hash)";
    return sql + ")";
}

std::string create_l1(const SourceDefinition& source) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + l1_table(source) +
                      " (id serial PRIMARY KEY, data_source_row_id int";
    for (const auto& column : source.l1_columns)
        sql += ", " + quote_identifier(column.name) + " " + column.type;
    if (source.l1_unique_source_row)
        sql += ", CONSTRAINT \"L1_data_source_row_id_key\" UNIQUE (data_source_row_id)";
    return sql + ")";
}

std::string index_l1_source_rows(const SourceDefinition& source) {
    return "CREATE INDEX IF NOT EXISTS \"L1_data_source_row_id_idx\" ON " + l1_table(source) +
           " (data_source_row_id)";
}

std::string set_datafile_created_default(const SourceDefinition& source) {
    return "ALTER TABLE " + l0_table(source) + " ALTER COLUMN datafile_created SET DEFAULT " +
           datafile_created_default();
}

std::string datafile_created_default_of() {
    return "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d ON "
           "d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = $1::regclass AND "
           "a.attname = 'datafile_created'";
}

std::string create_load_table(const SourceDefinition& source) {
    return "CREATE TEMPORARY TABLE load (" + column_definitions(source.l0_columns) +
           ") ON COMMIT DROP";
}

std::string copy_into(const SourceDefinition& source, const std::string& table,
                      const std::string& encoding, bool leads_with_file_name) {
    auto columns = column_list(source);
    std::string sql = "COPY " + table + " (" + (leads_with_file_name ? "datafile_created, " : "") +
                      columns + ") FROM STDIN WITH (FORMAT csv";
    if (source.reader.header) sql += ", HEADER true";
    sql += ", DELIMITER " + delimiter_literal(source.reader.delimiter);
    if (source.reader.force_null) sql += ", FORCE_NULL (" + columns + ")";
    return sql + ", ENCODING '" + encoding + "')";
}

std::string last_l0_id(const SourceDefinition& source) {
    return "SELECT coalesce(max(id), 0) FROM " + l0_table(source);
}

std::string upsert_snapshot(const SourceDefinition& source) {
    auto columns = column_list(source);
    // Sorted by the data columns, as the reference's DISTINCT ON left them: new rows get their
    // ids in that order, which is the order readers page through.
    return "INSERT INTO " + l0_table(source) + " (datafile_created, datafile_updated, data_hash, " +
           columns + ") SELECT DISTINCT ON (" + columns + ") $1, $1, md5(ROW(" + columns +
           ")::text), " + columns + " FROM pg_temp.load ORDER BY " + columns +
           " ON CONFLICT (data_hash) DO UPDATE SET datafile_updated = excluded.datafile_updated";
}

std::string count_l0_after(const SourceDefinition& source) {
    return "SELECT count(*) FROM " + l0_table(source) + " WHERE id > $1";
}

std::string project_l1(const SourceDefinition& source, int after_parameter) {
    return "INSERT INTO " + l1_table(source) + " (data_source_row_id, " + l1_columns(source) +
           ") SELECT id, " + l1_expressions(source) + " FROM " + l0_table(source) +
           " WHERE id > $" + std::to_string(after_parameter) +
           " AND datafile_created = $1 ORDER BY id";
}

std::string l1_step(const SourceDefinition& source) {
    auto sql = with_tokens(source.l1_step, {{":file", "$1"}});
    for (const auto& [table, name] :
         {std::pair<std::string, std::string>{"{L0}", l0_table(source)},
          std::pair<std::string, std::string>{"{L1}", l1_table(source)}}) {
        for (auto at = sql.find(table); at != std::string::npos; at = sql.find(table, at)) {
            sql.replace(at, table.size(), name);
            at += name.size();
        }
    }
    return sql;
}

}  // namespace dss::pipelines::sql
