// The records of an uploaded CSV (RFC 4180, with the delimiter and quote the staff chose),
// streamed in 64 KiB pieces and decoded to UTF-8: files of many gigabytes pass through a
// buffer of a few pieces and the record being read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/storage.hpp"
#include "uploader/csv_dialect.hpp"
#include "uploader/text_decoder.hpp"

namespace dss::uploader {

struct CsvRecord {
    std::vector<std::string> fields;  // UTF-8, quotes removed
    // The header is 1. Blank lines are no records but are counted, as the reference's reader
    // returned them as empty rows: row N is the row it would have named, and for a file
    // without line ends inside quotes, line N.
    std::uint64_t number = 0;
};

class CsvRecords {
   public:
    // Past this a record is refused: one quote left open would otherwise read the rest of a
    // huge file into memory.
    static constexpr std::size_t kDefaultRecordLimit = std::size_t{16} << 20;

    // Reads `input` from its current position; `encoding` is what detect_encoding said.
    CsvRecords(storage::InputStream& input, const std::string& encoding, CsvDialect dialect,
               std::size_t record_limit = kDefaultRecordLimit);

    // The next record, nullopt at the end. Quoted fields may hold delimiters, line ends and
    // doubled quotes; lines end with LF, CRLF or CR; a UTF-8 byte-order mark is dropped. As
    // Python's csv module (the reference's reader) does, a quote inside an unquoted field is
    // text, and text after a closing quote joins the field. Throws CsvCheckError for bytes
    // that are not text in the encoding (with their offset and row), a record past the limit,
    // and a quote never closed.
    std::optional<CsvRecord> next();

    // Bytes taken from the input so far, for progress.
    std::uint64_t bytes_read() const { return bytes_read_; }

   private:
    enum class State {
        record_start,     // nothing of a record yet: a line end here is a blank line
        field_start,      // after a delimiter
        unquoted,         // in a field that did not start with a quote
        quoted,           // inside quotes
        quote_in_quoted,  // a quote inside quotes: closing, or the first of a doubled pair
    };

    enum class Step { go_on, record_ended, text_ran_out };

    std::optional<CsvRecord> parse_available();
    Step step();
    Step parse_unquoted();
    Step parse_quoted();
    Step after_quote(char c);
    std::optional<CsvRecord> finish();
    bool refill();
    std::size_t read_piece(std::size_t at_least);
    void take(std::size_t count);
    void end_field();
    CsvRecord end_record();
    [[noreturn]] void throw_invalid(const InvalidByte& bad) const;

    storage::InputStream& input_;
    TextDecoder decoder_;
    CsvDialect dialect_;
    std::string unquoted_stops_;  // the delimiter and the line ends
    std::size_t record_limit_;
    std::vector<char> piece_;
    std::string text_;  // decoded text not parsed yet, from position_
    std::size_t position_ = 0;
    State state_ = State::record_start;
    bool skip_lf_ = false;  // a CR ended the last line: an LF right after it is the same end
    bool started_ = false;
    bool at_end_ = false;
    std::optional<InvalidByte> invalid_;  // met while decoding; thrown once the text before it
                                          // is parsed, so that the message names its row
    std::vector<std::string> fields_;
    std::string field_;
    std::uint64_t number_ = 1;  // of the record being read
    std::size_t record_bytes_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace dss::uploader
