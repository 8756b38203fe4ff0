// Turns one stored source file into the CSV texts it holds: the file itself, or each zip member
// the source admits, in zip order, with the values the source takes from the member's name.
// Readers of other formats (HMRC, XBRL) are to join here.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "formats/csv_text.hpp"
#include "pipelines/source_definition.hpp"
#include "pipelines/source_listing.hpp"
#include "storage/storage.hpp"

namespace dss::pipelines {

// One CSV text to load into a source's tables.
struct CsvPart {
    std::string label;  // the file, or file/member: for messages and progress
    formats::CsvText& text;
    // $1 of the source's statements is the file's base name; the file parameters follow.
    std::vector<db::Parameter> values;
};

// Calls `load` for each part of `file`, in order. Throws std::runtime_error when the file is
// empty, is not what the source expects, or holds no CSV; an error of `load` comes back with the
// zip member named.
void read_source_file(const storage::Storage& storage, const SourceDefinition& source,
                      const SourceFile& file, const std::function<void(CsvPart&)>& load);

}  // namespace dss::pipelines
