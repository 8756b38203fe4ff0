// The SQL of each pipeline kind, generated from a source definition. Identifiers go through
// db::quote_identifier; values travel as parameters: $1 is always the file's base name, then
// the file parameters (:publication_date ...), then any the statement names itself.
#pragma once

#include <string>
#include <vector>

#include "pipelines/source_definition.hpp"

namespace dss::pipelines::sql {

// The custom setting that L0's datafile_created defaults to while a file loads, so that COPY
// can write straight into L0.
inline constexpr const char* kDatafileSetting = "dss.datafile_created";

std::string l0_table(const SourceDefinition& source);
std::string l1_table(const SourceDefinition& source);

std::string create_schema(const SourceDefinition& source);
// Same shapes as db/migrations/0002, so that tables made here and there are one.
std::string create_l0(const SourceDefinition& source);
std::string create_l1(const SourceDefinition& source);
// For L1 tables without a unique data_source_row_id.
std::string index_l1_source_rows(const SourceDefinition& source);
// The default of L0.datafile_created, and the statement that gives a table made before it.
std::string datafile_created_default();
std::string set_datafile_created_default(const SourceDefinition& source);
// The current default of datafile_created in the table $1 (NULL when it has none; no row
// when the column is missing).
std::string datafile_created_default_of();

// A temporary table with L0's data columns, dropped at commit (snapshot kinds).
std::string create_load_table(const SourceDefinition& source);
// COPY of the file's columns into `table`, with a quoted empty field as NULL (decision 4);
// datafile_created first when the text leads every line with the file's name.
std::string copy_into(const SourceDefinition& source, const std::string& table,
                      const std::string& encoding, bool leads_with_file_name = false);

// The highest L0 id: rows a file adds get larger ones (loads of a source are serialised).
std::string last_l0_id(const SourceDefinition& source);

// Snapshot kinds: adds the load table's rows not seen before, in the order of their columns, and
// marks the others as seen in this file. Duplicate rows of the file collapse into one.
std::string upsert_snapshot(const SourceDefinition& source);
// Counts the L0 rows with ids above $1.
std::string count_l0_after(const SourceDefinition& source);

// The generic projection: L1 rows for this file's L0 rows with ids above $<after_parameter>,
// in L0 id order (without ORDER BY they follow the heap, which synchronised scans can start
// anywhere).
std::string project_l1(const SourceDefinition& source, int after_parameter);
// The source's own L1 step, with {L0}, {L1} and :file filled in.
std::string l1_step(const SourceDefinition& source);

}  // namespace dss::pipelines::sql
