// Taking over a database that the reference's Alembic migrations (and its pipelines) filled.
// Its tables are adopted as they are by the migrations; what is left is its ids: the reference
// filled incremental tables from sequences of its own ("L1_SEQUENCE"), so the sequences behind
// the id columns lag behind the rows, and the next row would collide.
#pragma once

#include <cstddef>

#include "db/connection.hpp"

namespace dss::db {

// True when public.alembic_version exists: the reference's migrations ran here.
bool is_reference_database(Connection& connection);

// Moves the sequence behind every user table's id column past the largest id stored (never
// back). Returns the number of sequences looked at.
std::size_t sync_id_sequences(Connection& connection);

}  // namespace dss::db
