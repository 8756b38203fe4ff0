// The text a reader gives the loader for one COPY: pieces of CSV in order, and what the loader
// must know to read them (the encoding, when the reader decided it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "formats/skipped_documents.hpp"

namespace dss::formats {

class TextSource {
   public:
    TextSource() = default;
    TextSource(const TextSource&) = delete;
    TextSource& operator=(const TextSource&) = delete;
    virtual ~TextSource() = default;

    // The next piece, empty at the end; valid until the next call.
    virtual std::string_view next() = 0;
    // PostgreSQL's name of the text's encoding when the reader knows it (a byte-order mark, a
    // reader that decodes); nullopt: the source's configured encoding.
    virtual std::optional<std::string> encoding() const = 0;
    // Bytes taken from the input so far, and its size: for progress displays.
    virtual std::uint64_t bytes_read() const = 0;
    virtual std::uint64_t size() const = 0;
    // Whether every line starts with the file's name, for L0's datafile_created: readers that
    // write their own CSV do, so that PostgreSQL has no default to work out row by row.
    virtual bool leads_with_file_name() const { return false; }
    // Documents left out of the text and why (readers of formats that skip malformed ones).
    virtual SkippedDocuments skipped() const { return {}; }
};

}  // namespace dss::formats
