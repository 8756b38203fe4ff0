// Streaming COPY ... FROM STDIN and COPY ... TO STDOUT: data flows in chunks, never whole.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "db/connection.hpp"

namespace dss::db {

// Sends rows to a running `COPY ... FROM STDIN`. Destroyed without finish(), it aborts the
// COPY so that nothing of it is stored.
class CopyIn {
   public:
    CopyIn(Connection& connection, std::string_view copy_statement);
    CopyIn(const CopyIn&) = delete;
    CopyIn& operator=(const CopyIn&) = delete;
    ~CopyIn();

    void write(std::string_view data);
    // Ends the COPY; returns the number of rows stored. Throws DatabaseError on bad data.
    std::uint64_t finish();

   private:
    Connection& connection_;
    bool active_ = true;
};

// Reads the output of `COPY ... TO STDOUT` chunk by chunk (one row per chunk in text formats).
class CopyOut {
   public:
    CopyOut(Connection& connection, std::string_view copy_statement);
    CopyOut(const CopyOut&) = delete;
    CopyOut& operator=(const CopyOut&) = delete;
    ~CopyOut();

    // Fills `chunk` and returns true, or returns false at the end. The chunk stays valid until
    // the next call.
    bool next(std::string_view& chunk);

   private:
    Connection& connection_;
    std::unique_ptr<char, decltype(&PQfreemem)> buffer_{nullptr, &PQfreemem};
    bool active_ = true;
};

}  // namespace dss::db
