// The sequence behind a table's serial id, found from the catalogue rather than from its name:
// tables made by other tools (the reference's Alembic migrations) name theirs differently.
#pragma once

#include <optional>
#include <string>

#include "db/connection.hpp"

namespace dss::db {

// The quoted, schema-qualified name of the sequence that `column` of `table` (a quoted
// qualified name) takes its values from, as an identity, an owned serial or a nextval()
// default; nullopt when it has none.
std::optional<std::string> column_sequence(Connection& connection, const std::string& table,
                                           const std::string& column = "id");

// Moves the sequence of `table`.`column` past the largest value stored, so that the next
// row gets a free id; never back. Does nothing when the column has no sequence. Not undone by
// ROLLBACK (setval never is), which is harmless: it only skips ids.
void sync_sequence_to_max(Connection& connection, const std::string& table,
                          const std::string& column = "id");

}  // namespace dss::db
