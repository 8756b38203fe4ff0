#include "uploader/encoding_detection.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string_view>

#include "uploader/csv_check_error.hpp"
#include "uploader/text_decoder.hpp"

namespace dss::uploader {
namespace {

std::string read_probe(storage::InputStream& input, std::size_t probe_bytes) {
    std::string probe(probe_bytes, '\0');
    std::size_t filled = 0;
    while (filled < probe.size()) {
        auto count = input.read(probe.data() + filled, probe.size() - filled);
        if (count == 0) break;
        filled += count;
    }
    probe.resize(filled);
    return probe;
}

// The five bytes windows-1252 leaves undefined (and Python's cp1252 codec refuses).
bool undefined_in_windows_1252(unsigned char byte) {
    return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
}

bool is_utf8(std::string_view probe, bool cut_by_probe) {
    // A character the probe's end cuts is no evidence against UTF-8; one the file's end cuts is.
    auto checked = cut_by_probe ? probe.substr(0, utf8_complete_length(probe)) : probe;
    return first_invalid_utf8(checked) == std::string_view::npos;
}

}  // namespace

std::string detect_encoding(storage::InputStream& input, std::size_t probe_bytes) {
    auto probe = read_probe(input, probe_bytes);
    std::string_view view = probe;
    if (view.starts_with("\xFF\xFE") || view.starts_with("\xFE\xFF")) {
        throw CsvCheckError::could_not_be_opened(
            "the file starts with a UTF-16 byte-order mark; dss reads CSV files saved as UTF-8 "
            "or windows-1252, not UTF-16");
    }
    if (auto nul = view.find('\0'); nul != std::string_view::npos) {
        throw CsvCheckError::could_not_be_opened(fmt::format(
            "byte 0x00 at byte offset {} is a NUL, which CSV text never holds (is the file "
            "UTF-16?)",
            nul));
    }
    if (view.starts_with("\xEF\xBB\xBF")) return "UTF-8";  // the mark says so; errors come later
    if (is_utf8(view, probe.size() == probe_bytes)) return "UTF-8";
    auto bad = std::find_if(view.begin(), view.end(), [](char c) {
        return undefined_in_windows_1252(static_cast<unsigned char>(c));
    });
    if (bad == view.end()) return "WINDOWS-1252";
    throw CsvCheckError::could_not_be_opened(
        fmt::format("the file is not UTF-8, and byte 0x{:02X} at byte offset {} is not a "
                    "character in windows-1252 either",
                    static_cast<unsigned char>(*bad), bad - view.begin()));
}

}  // namespace dss::uploader
