#include "uploader/utf8_csv_writer.hpp"

#include <stdexcept>

#include "formats/csv_field.hpp"
#include "uploader/column_names.hpp"
#include "uploader/csv_check_error.hpp"
#include "uploader/csv_records.hpp"
#include "uploader/null_markers.hpp"

namespace dss::uploader {
namespace {

constexpr std::size_t kWritePieceSize = std::size_t{1} << 16;

// The header line as inspection saw it; the names must be one per kept column, or the file
// changed since it was inspected.
HeaderColumns read_header(CsvRecords& records, const std::vector<std::string>& column_names) {
    auto header = records.next();
    if (!header || header->number != 1) throw CsvCheckError::no_headers();
    auto columns = header_columns(header->fields);
    if (columns.names.size() != column_names.size()) {
        throw std::invalid_argument("the file has " + std::to_string(columns.names.size()) +
                                    " named columns but " + std::to_string(column_names.size()) +
                                    " column names were given");
    }
    return columns;
}

void append_header_line(std::string& out, const std::vector<std::string>& column_names) {
    for (std::size_t k = 0; k < column_names.size(); ++k) {
        if (k > 0) out += ',';
        out += column_names[k];  // checked names: letters, digits and underscores only
    }
    out += '\n';
}

// A delimiter, quote or line end inside, or COPY's end-of-data marker `\.` as a whole value.
bool needs_quotes(std::string_view value) {
    return value.find_first_of(",\"\r\n") != std::string_view::npos || value == "\\.";
}

void append_row(std::string& out, const CsvRecord& record, const HeaderColumns& header) {
    if (record.fields.size() != header.field_count)
        throw CsvCheckError::field_count_differs(record.number, record.fields.size(),
                                                 header.field_count);
    for (std::size_t k = 0; k < header.source_indexes.size(); ++k) {
        if (k > 0) out += ',';
        auto value = blank_null_marker(record.fields[header.source_indexes[k]]);
        // Empty stays unquoted, COPY's NULL (a quoted one would be an empty string). Others
        // are quoted only when they must be: fewer bytes for COPY to read.
        if (value.empty()) continue;
        if (needs_quotes(value)) {
            formats::append_csv_quoted(out, value);
        } else {
            out += value;
        }
    }
    out += '\n';
}

// Calls `progress` and asks `stop_requested` each time another piece of input has been read.
class Pacer {
   public:
    Pacer(const std::function<void(std::uint64_t, std::uint64_t)>& progress,
          const std::function<bool()>& stop_requested)
        : progress_(progress), stop_requested_(stop_requested) {}

    void tick(std::uint64_t rows, std::uint64_t bytes) {
        if (bytes < next_at_) return;
        next_at_ = bytes + kWritePieceSize;
        if (stop_requested_ && stop_requested_()) throw std::runtime_error("stopped");
        if (progress_) progress_(rows, bytes);
    }

   private:
    const std::function<void(std::uint64_t, std::uint64_t)>& progress_;
    const std::function<bool()>& stop_requested_;
    std::uint64_t next_at_ = 0;
};

}  // namespace

RewriteResult rewrite_as_utf8_csv(
    storage::InputStream& input, const std::string& encoding, const CsvDialect& dialect,
    const std::vector<std::string>& column_names,
    const std::function<void(std::string_view)>& write,
    const std::function<void(std::uint64_t rows, std::uint64_t bytes)>& progress,
    const std::function<bool()>& stop_requested) {
    CsvRecords records(input, encoding, dialect);
    Pacer pacer(progress, stop_requested);
    pacer.tick(0, 0);
    auto header = read_header(records, column_names);
    std::string out;
    out.reserve(2 * kWritePieceSize);
    append_header_line(out, column_names);
    RewriteResult result;
    while (auto record = records.next()) {
        append_row(out, *record, header);
        ++result.rows;
        if (out.size() >= kWritePieceSize) {
            write(out);
            out.clear();
        }
        pacer.tick(result.rows, records.bytes_read());
    }
    if (!out.empty()) write(out);
    result.bytes_read = records.bytes_read();
    if (progress) progress(result.rows, result.bytes_read);
    return result;
}

}  // namespace dss::uploader
