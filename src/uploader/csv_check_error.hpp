// A CSV file the uploader cannot take, with the message the staff see (uploader.md, "Checking a
// CSV"): every such message starts "Unable to process CSV file: ".
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dss::uploader {

class CsvCheckError : public std::runtime_error {
   public:
    // `detail` is the part after the prefix, e.g. "no data found".
    explicit CsvCheckError(std::string_view detail)
        : std::runtime_error(std::string(kPrefix) + std::string(detail)) {}

    // Bytes that are not text in the file's encoding (or no CSV at all): the reference's
    // wording, with what and where in `technical_details`.
    static CsvCheckError could_not_be_opened(std::string_view technical_details) {
        return CsvCheckError("the CSV file could not be opened. (Technical details: " +
                             std::string(technical_details) + ")");
    }

    // An empty file, or a first line with no column name.
    static CsvCheckError no_headers() {
        return CsvCheckError(
            "no headers found. The first line of the csv should contain the column headers.");
    }

    // `row` counts the header as row 1; both counts include fields under an empty header.
    static CsvCheckError field_count_differs(std::uint64_t row, std::size_t fields,
                                             std::size_t headers) {
        return CsvCheckError("row " + std::to_string(row) +
                             " has a different number of data points (" + std::to_string(fields) +
                             ") than there are column headers (" + std::to_string(headers) + ")");
    }

    static constexpr std::string_view kPrefix = "Unable to process CSV file: ";
};

}  // namespace dss::uploader
