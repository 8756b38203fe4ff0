// A stream copied into an unnamed temporary file, so that it can be read again with seeking: a
// zip inside a zip cannot be read in place. The file disappears with the returned stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "storage/storage.hpp"

namespace dss::formats {

// Throws std::runtime_error naming `name` when it holds more than `limit` bytes (a zip bomb
// is refused, not spooled) or the temporary file cannot be written.
std::unique_ptr<storage::InputStream> spool_to_temporary_file(storage::InputStream& input,
                                                              std::uint64_t limit,
                                                              const std::string& name);

}  // namespace dss::formats
