// The bytes of an uploaded CSV, piece by piece, as UTF-8: checked when the file is UTF-8,
// converted by iconv when it is windows-1252. Nothing of the file is held but a character cut
// at the end of a piece.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dss::uploader {

// The first byte that is not text, where it is in the whole file and why.
struct InvalidByte {
    std::uint64_t offset = 0;
    unsigned char byte = 0;
    std::string_view why;  // e.g. "is not valid UTF-8"
};

class TextDecoder {
   public:
    // `encoding` is "UTF-8" or "WINDOWS-1252" (what detect_encoding names); anything else
    // throws std::invalid_argument, and a C library without windows-1252 std::runtime_error.
    explicit TextDecoder(const std::string& encoding);
    TextDecoder(const TextDecoder&) = delete;
    TextDecoder& operator=(const TextDecoder&) = delete;
    TextDecoder(TextDecoder&&) noexcept;
    TextDecoder& operator=(TextDecoder&&) noexcept;
    ~TextDecoder();

    // Appends the text of `bytes`, the next piece of the file, to `out`. A NUL byte is never
    // text: PostgreSQL cannot store it, and it usually means UTF-16. At the first byte that is
    // not text, the text before it is appended and that byte returned; the decoder is then
    // done with. A UTF-8 character cut at the end of `bytes` waits for the next piece.
    std::optional<InvalidByte> append(std::string& out, std::string_view bytes);

    // At the end of the file: the start of a UTF-8 character the end cut short, if any.
    std::optional<InvalidByte> finish() const;

   private:
    std::optional<InvalidByte> append_utf8(std::string& out, std::string_view bytes);
    std::optional<InvalidByte> append_windows_1252(std::string& out, std::string_view bytes);

    struct Iconv;
    std::unique_ptr<Iconv> iconv_;  // null for UTF-8, which needs no conversion
    std::string held_;              // the start of a UTF-8 character cut by the piece's end
    std::uint64_t fed_ = 0;         // bytes given to append() so far
};

// Of the UTF-8 in `text`, the length of the part that ends on a character boundary: a
// character cut by the end of `text` is left out (invalid bytes are not, for the checker).
std::size_t utf8_complete_length(std::string_view text);

// The index of the first byte of `text` that is not well-formed UTF-8 or is NUL; npos if none.
// A character cut at the end counts as not well-formed.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace dss::uploader
