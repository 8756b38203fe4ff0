// The column types an uploaded CSV can be given: what inference picks, what the staff confirm
// on the verify page, and the PostgreSQL type each becomes.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace dss::uploader {

// In the order the verify page lists them (the reference's data types).
enum class ColumnType { integer, boolean, date, timestamp, numeric, text };

// "integer", "boolean", "date", "timestamp", "numeric" or "text": the names the pages, the
// registry rows and JSON use.
std::string_view column_type_name(ColumnType type);

// The type a name above stands for; nullopt for anything else (names are lowercase only).
std::optional<ColumnType> parse_column_type(std::string_view name);

// The PostgreSQL type of a column of this type.
std::string_view sql_type(ColumnType type);

const std::array<ColumnType, 6>& all_column_types();

}  // namespace dss::uploader
