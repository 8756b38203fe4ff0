// Counts the lines of text that arrives in chunks, whichever of \n, \r\n or \r ends them (a
// \r\n split across two chunks counts once), plus a last line without an end.
#pragma once

#include <cstdint>
#include <string_view>

namespace dss::formats {

class LineCounter {
   public:
    // Adds a chunk; returns the lines seen so far.
    std::uint64_t add(std::string_view chunk);

   private:
    std::uint64_t ends_ = 0;
    bool after_cr_ = false;
    bool open_line_ = false;
};

}  // namespace dss::formats
