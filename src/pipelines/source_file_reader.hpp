// Turns one stored source file into the texts it holds for COPY, by the source's format: for
// CSV, the file itself or each zip member the source admits, in zip order, with the values the
// source takes from the member's name; for HMRC exporters, each member of a zip of zips as CSV.
// A new format is one reader in formats/ and one branch here.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "formats/text_source.hpp"
#include "pipelines/source_definition.hpp"
#include "pipelines/source_listing.hpp"
#include "storage/storage.hpp"

namespace dss::pipelines {

// One text to load into a source's tables.
struct CsvPart {
    std::string label;  // the file, or file/member: for messages and progress
    formats::TextSource& text;
    // $1 of the source's statements is the file's base name; the file parameters follow.
    std::vector<db::Parameter> values;
};

// Calls `load` for each part of `file`, in order. Throws std::runtime_error when the file is
// empty, is not what the source expects, holds nothing to load, or a zip member expands past
// `zip_member_limit`; an error of `load` comes back with the zip member named.
void read_source_file(const storage::Storage& storage, const SourceDefinition& source,
                      const SourceFile& file, const std::function<void(CsvPart&)>& load,
                      std::uint64_t zip_member_limit = std::numeric_limits<std::uint64_t>::max());

}  // namespace dss::pipelines
