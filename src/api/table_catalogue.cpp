// Catalogue queries and type-name mapping.
#include "api/table_catalogue.hpp"

#include <array>

#include "core/ascii_case.hpp"
#include "core/utf8.hpp"

namespace dss::api {
namespace {

constexpr const char* kDescribeTable = R"sql(
SELECT a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod)
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum)sql";

}  // namespace

bool TableDescription::has_column(std::string_view name) const {
    for (const auto& column : columns) {
        if (column.name == name) return true;
    }
    return false;
}

bool is_file_column(std::string_view name) {
    return name == "datafile_created" || name == "datafile_updated" || name == "data_hash";
}

bool is_excluded_schema(std::string_view schema) {
    static constexpr std::array<std::string_view, 8> kExcluded = {
        "pg_toast", "pg_temp_1",          "pg_toast_temp_1", "pg_catalog",
        "public",   "information_schema", "operations",      "admin"};
    for (auto excluded : kExcluded) {
        if (schema == excluded) return true;
    }
    return schema.starts_with("pg_temp_") || schema.starts_with("pg_toast_temp_");
}

std::optional<TableDescription> describe_table(db::Connection& connection, std::string_view schema,
                                               std::string_view table) {
    // Names PostgreSQL could not hold (NUL bytes, invalid UTF-8) simply match nothing: a NUL
    // would cut "public\0" to the excluded "public".
    for (auto name : {schema, table}) {
        if (name.empty() || !core::is_valid_utf8(name) || core::has_control_characters(name))
            return std::nullopt;
    }
    if (is_excluded_schema(schema)) return std::nullopt;
    auto result = connection.execute(kDescribeTable, schema, table);
    if (result.empty()) return std::nullopt;
    TableDescription description{std::string(schema), std::string(table), {}};
    for (int row = 0; row < result.rows(); ++row) {
        description.columns.push_back({result.get<std::string>(row, 0),
                                       static_cast<Oid>(result.get<std::int64_t>(row, 1)),
                                       result.get<std::string>(row, 2)});
    }
    return description;
}

TableCatalogue::TableCatalogue(std::chrono::milliseconds cache_for)
    : entries_(kMostEntries, cache_for) {}

std::optional<TableDescription> TableCatalogue::describe(db::Connection& connection,
                                                         std::string_view schema,
                                                         std::string_view table) {
    auto key = std::make_pair(std::string(schema), std::string(table));
    if (auto cached = entries_.find(key)) return *cached;
    auto description = describe_table(connection, schema, table);
    entries_.put(key, description);
    return description;
}

void TableCatalogue::forget(std::string_view schema, std::string_view table) {
    entries_.forget(std::make_pair(std::string(schema), std::string(table)));
}

std::string sqlalchemy_type_name(std::string_view postgres_type) {
    if (postgres_type.ends_with("[]")) {
        return sqlalchemy_type_name(postgres_type.substr(0, postgres_type.size() - 2)) + "[]";
    }
    auto parenthesis = postgres_type.find('(');
    auto base = postgres_type.substr(0, parenthesis);
    auto modifier = parenthesis == std::string_view::npos ? std::string_view{}
                                                          : postgres_type.substr(parenthesis);
    if (base == "character varying") return "VARCHAR" + std::string(modifier);
    if (base == "character") return "CHAR" + std::string(modifier);
    if (base == "numeric") {
        // SQLAlchemy writes NUMERIC(10, 2) with a space after the comma.
        std::string out = "NUMERIC";
        for (char c : modifier) {
            out += c;
            if (c == ',') out += ' ';
        }
        return out;
    }
    // PostgreSQL's full names, which data-flow's get_table_config maps (a plain TIMESTAMP it
    // refuses); a precision, timestamp(3), is dropped as SQLAlchemy's names drop it.
    if (base.starts_with("timestamp")) {
        return postgres_type.ends_with("with time zone") &&
                       !postgres_type.ends_with("without time zone")
                   ? "TIMESTAMP WITH TIME ZONE"
                   : "TIMESTAMP WITHOUT TIME ZONE";
    }
    if (base.starts_with("time")) return "TIME";
    return core::ascii_upper(postgres_type);
}

}  // namespace dss::api
