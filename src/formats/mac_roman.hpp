// Mac Roman, the encoding of HMRC's exporter files, to UTF-8. Every byte is a character, so a
// stream can be decoded piece by piece; the table comes from iconv once.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace dss::formats {

class MacRomanDecoder {
   public:
    // Throws std::runtime_error when iconv does not know MACINTOSH.
    MacRomanDecoder();

    // Appends `bytes`, decoded, to `out`.
    void append(std::string& out, std::string_view bytes) const;

   private:
    std::array<std::string, 256> table_;
};

}  // namespace dss::formats
