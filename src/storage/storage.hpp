// Where source files live: one interface over a local directory and S3. Files stream in both
// directions; nothing here holds a whole file in memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dss::storage {

struct FileEntry {
    std::string name;  // relative to the storage root, '/'-separated
    std::uint64_t size = 0;
    std::chrono::system_clock::time_point modified;
};

// A file or key that is not there.
class NotFound : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

class InputStream {
   public:
    InputStream() = default;
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;
    virtual ~InputStream() = default;

    // Up to `size` bytes into `buffer`; 0 at the end.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    virtual std::uint64_t size() const = 0;
    // Moves the read position (zip readers jump to the central directory at the end).
    virtual void seek(std::uint64_t offset) = 0;
};

// Data written here becomes visible under its name only at publish(); dropped without
// publish(), it leaves nothing behind.
class OutputStream {
   public:
    OutputStream() = default;
    OutputStream(const OutputStream&) = delete;
    OutputStream& operator=(const OutputStream&) = delete;
    virtual ~OutputStream() = default;

    virtual void write(std::string_view data) = 0;
    virtual void publish() = 0;
};

class Storage {
   public:
    Storage() = default;
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;
    virtual ~Storage() = default;

    // Every file under `prefix` (a folder, "" for all), recursively, oldest first (then by name).
    virtual std::vector<FileEntry> list(std::string_view prefix) const = 0;
    virtual std::unique_ptr<InputStream> open(std::string_view name) const = 0;
    virtual std::unique_ptr<OutputStream> create(std::string_view name) = 0;
    virtual void remove(std::string_view name) = 0;
    virtual void move(std::string_view from, std::string_view to) = 0;
    // "local directory /x" or "s3://bucket/prefix", for messages.
    virtual std::string describe() const = 0;
};

// Orders a listing the way every storage returns it: oldest first, then by name.
void sort_oldest_first(std::vector<FileEntry>& entries);

// Copies `name` from one storage into another (or the same) in chunks; returns bytes copied.
std::uint64_t copy_file(const Storage& from, std::string_view from_name, Storage& to,
                        std::string_view to_name);

}  // namespace dss::storage
