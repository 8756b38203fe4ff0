#include "formats/mac_roman.hpp"

#include <stdexcept>

#include "formats/iconv_handle.hpp"

namespace dss::formats {

MacRomanDecoder::MacRomanDecoder() {
    auto converter = open_iconv("UTF-8", "MACINTOSH");
    if (!converter) throw std::runtime_error("iconv cannot convert MACINTOSH (Mac Roman) to UTF-8");
    for (std::size_t byte = 0; byte < table_.size(); ++byte) {
        char in = static_cast<char>(byte);
        std::array<char, 8> out{};
        char* in_at = &in;
        std::size_t in_left = 1;
        char* out_at = out.data();
        std::size_t out_left = out.size();
        if (iconv(converter.get(), &in_at, &in_left, &out_at, &out_left) ==
            static_cast<std::size_t>(-1)) {
            throw std::runtime_error("iconv cannot decode Mac Roman byte " + std::to_string(byte));
        }
        table_[byte].assign(out.data(), out.size() - out_left);
    }
    // Where glibc and Python's mac_roman (the reference's codec) disagree, Python wins: the
    // same bytes must give the same text as they did there.
    table_[0xC6] = "\u2206";  // INCREMENT, where glibc gives GREEK CAPITAL DELTA
    table_[0xF0] = "\uF8FF";  // the Apple logo's private-use code point
}

void MacRomanDecoder::append(std::string& out, std::string_view bytes) const {
    for (char c : bytes) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;  // ASCII, as in every Mac Roman version
        } else {
            out += table_[byte];
        }
    }
}

}  // namespace dss::formats
