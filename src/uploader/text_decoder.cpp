#include "uploader/text_decoder.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/ascii_case.hpp"
#include "core/utf8.hpp"
#include "formats/iconv_handle.hpp"

namespace dss::uploader {
namespace {

constexpr std::string_view kNotUtf8 = "is not valid UTF-8";
constexpr std::string_view kNotWindows1252 = "is not a character in windows-1252";
constexpr std::string_view kNul = "is a NUL, which CSV text never holds (is the file UTF-16?)";
constexpr std::string_view kCutShort = "starts a UTF-8 character the end of the file cuts short";

// The length a UTF-8 sequence starting with `lead` claims; 0 for a byte no sequence starts
// with (a continuation byte, or 0xF8 and above).
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC0 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF7) return 4;
    return 0;
}

}  // namespace

struct TextDecoder::Iconv {
    formats::IconvHandle handle;
};

TextDecoder::TextDecoder(const std::string& encoding) {
    if (core::ascii_iequals(encoding, "UTF-8")) return;
    if (!core::ascii_iequals(encoding, "WINDOWS-1252"))
        throw std::invalid_argument("uploaded CSV files are UTF-8 or WINDOWS-1252, not '" +
                                    encoding + "'");
    auto handle = formats::open_iconv("UTF-8", "WINDOWS-1252");
    if (!handle) throw std::runtime_error("iconv cannot convert WINDOWS-1252 to UTF-8");
    iconv_ = std::make_unique<Iconv>(Iconv{std::move(handle)});
}

TextDecoder::TextDecoder(TextDecoder&&) noexcept = default;
TextDecoder& TextDecoder::operator=(TextDecoder&&) noexcept = default;
TextDecoder::~TextDecoder() = default;

std::optional<InvalidByte> TextDecoder::append(std::string& out, std::string_view bytes) {
    return iconv_ ? append_windows_1252(out, bytes) : append_utf8(out, bytes);
}

std::optional<InvalidByte> TextDecoder::finish() const {
    if (held_.empty()) return std::nullopt;
    return InvalidByte{fed_ - held_.size(), static_cast<unsigned char>(held_[0]), kCutShort};
}

std::optional<InvalidByte> TextDecoder::append_utf8(std::string& out, std::string_view bytes) {
    std::uint64_t start = fed_ - held_.size();  // where `data` begins in the file
    fed_ += bytes.size();
    std::string joined;
    std::string_view data = bytes;
    if (!held_.empty()) {
        joined = held_;
        joined.append(bytes);
        data = joined;
        held_.clear();
    }
    auto complete = data.substr(0, utf8_complete_length(data));
    auto bad = first_invalid_utf8(complete);
    if (bad != std::string_view::npos) {
        out.append(complete.substr(0, bad));
        auto byte = static_cast<unsigned char>(complete[bad]);
        return InvalidByte{start + bad, byte, byte == 0 ? kNul : kNotUtf8};
    }
    out.append(complete);
    held_.assign(data.substr(complete.size()));
    return std::nullopt;
}

// windows-1252 has one byte per character, so a piece never ends inside one.
std::optional<InvalidByte> TextDecoder::append_windows_1252(std::string& out,
                                                            std::string_view bytes) {
    std::uint64_t start = fed_;
    fed_ += bytes.size();
    auto text = bytes.substr(0, bytes.find('\0'));
    auto* in_at = const_cast<char*>(text.data());  // iconv's signature; it does not write
    std::size_t in_left = text.size();
    auto written = out.size();
    out.resize(written + 3 * text.size());  // no windows-1252 character takes more
    char* out_at = out.data() + written;
    std::size_t out_left = out.size() - written;
    auto result = iconv(iconv_->handle.get(), &in_at, &in_left, &out_at, &out_left);
    out.resize(out.size() - out_left);
    if (result == static_cast<std::size_t>(-1)) {
        if (errno != EILSEQ && errno != EINVAL)
            throw std::runtime_error(std::string("iconv failed: ") + std::strerror(errno));
        auto at = text.size() - in_left;
        return InvalidByte{start + at, static_cast<unsigned char>(text[at]), kNotWindows1252};
    }
    if (text.size() < bytes.size()) return InvalidByte{start + text.size(), 0, kNul};
    return std::nullopt;
}

std::size_t utf8_complete_length(std::string_view text) {
    // A character is at most four bytes: only the last three can be a cut one's start.
    auto lookback = std::min<std::size_t>(text.size(), 3);
    for (std::size_t back = 1; back <= lookback; ++back) {
        auto index = text.size() - back;
        auto byte = static_cast<unsigned char>(text[index]);
        if (byte >= 0x80 && byte < 0xC0) continue;  // a continuation byte: look further back
        auto length = sequence_length(byte);
        return length > back ? index : text.size();
    }
    return text.size();
}

std::size_t first_invalid_utf8(std::string_view text) {
    if (core::is_valid_utf8(text) && text.find('\0') == std::string_view::npos)
        return std::string_view::npos;
    // The slow walk only runs for text already known to be bad, to say where.
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte == 0) return i;
        auto length = sequence_length(byte);
        if (length == 0 || i + length > text.size() ||
            !core::is_valid_utf8(text.substr(i, length))) {
            return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

}  // namespace dss::uploader
