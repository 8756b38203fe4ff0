#include "formats/csv_text.hpp"

namespace dss::formats {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnds = "\r\n";
// A run of line ends longer than this is passed on: it cannot be only the end of the file
// that we hold back, and holding it would make memory grow with the input.
constexpr std::size_t kMostHeld = 1 << 20;

}  // namespace

CsvText::CsvText(storage::InputStream& input) : input_(input) {
    // A read may return fewer bytes than asked: gather enough to see a byte-order mark.
    std::size_t count = 0;
    for (std::size_t got = 1; count < kUtf8Bom.size() && got > 0; count += got)
        got = input_.read(buffer_.data() + count, buffer_.size() - count);
    bytes_read_ = count;
    first_ = std::string_view(buffer_.data(), count);
    if (first_.starts_with(kUtf8Bom)) {
        first_.remove_prefix(kUtf8Bom.size());
        has_utf8_bom_ = true;
    }
}

std::string_view CsvText::next() {
    while (true) {
        std::string_view chunk;
        if (!first_.empty()) {
            chunk = first_;
            first_ = {};
        } else {
            auto count = input_.read(buffer_.data(), buffer_.size());
            if (count == 0) return {};  // what is held are blank lines at the end: dropped
            bytes_read_ += count;
            chunk = std::string_view(buffer_.data(), count);
        }
        auto text = take(chunk);
        if (!text.empty()) return text;
    }
}

// Returns what may be passed on now, and holds the line ends at the end of `chunk`.
std::string_view CsvText::take(std::string_view chunk) {
    auto last_text = chunk.find_last_not_of(kLineEnds);
    if (last_text == std::string_view::npos) {
        held_.append(chunk);
        if (held_.size() <= kMostHeld) return {};
        joined_ = std::move(held_);
        held_.clear();
        return joined_;
    }
    std::string_view text = chunk.substr(0, last_text + 1);
    if (!held_.empty()) {
        joined_ = held_;
        joined_.append(text);
        text = joined_;
    }
    held_.assign(chunk.substr(last_text + 1));
    return text;
}

}  // namespace dss::formats
