// Which encoding an uploaded CSV is in, from its first bytes: staff export from Excel, which
// writes UTF-8 or windows-1252, and a file never says which.
#pragma once

#include <cstddef>
#include <string>

#include "storage/storage.hpp"

namespace dss::uploader {

// Reads up to `probe_bytes` from the current position (the caller seeks back to 0 after).
// "UTF-8" when they are UTF-8 (or start with its byte-order mark); else "WINDOWS-1252" when
// every byte is a windows-1252 character. Throws CsvCheckError ("the CSV file could not be
// opened") naming the first byte that is neither, a NUL, or a UTF-16 byte-order mark.
std::string detect_encoding(storage::InputStream& input, std::size_t probe_bytes);

}  // namespace dss::uploader
