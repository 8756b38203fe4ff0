// The columns a CSV's header line names, and the checks on those names (uploader.md, "Checking
// a CSV"), with the reference's messages.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dss::uploader {

// The columns kept from a header line: those whose name is not empty once trimmed.
struct HeaderColumns {
    std::vector<std::string> names;           // trimmed, as in the file
    std::vector<std::size_t> source_indexes;  // where each sits among the line's fields
    std::size_t field_count = 0;              // every field of the line, empty names included
};

HeaderColumns header_columns(const std::vector<std::string>& header_fields);

// Throws CsvCheckError listing, in file order, every name that does not match
// ^[a-z][a-z0-9_]*$.
void check_name_syntax(const std::vector<std::string>& names);

// Every name that occurs k > 1 times becomes name_1 .. name_k in file order, again until all
// differ: `hello,hello,hello_1` -> `hello_1_1,hello_2,hello_1_2`.
std::vector<std::string> make_unique_names(std::vector<std::string> names);

// Throws CsvCheckError naming, in file order, the names longer than PostgreSQL keeps (63
// bytes): it would cut them short, and two could become one. Not a check of the reference's.
void check_name_length(const std::vector<std::string>& names);

// Throws CsvCheckError naming, in file order, the names the loaded table uses itself: id,
// datafile_created, data_source_row_id.
void check_not_reserved(const std::vector<std::string>& names);

}  // namespace dss::uploader
