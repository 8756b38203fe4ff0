#include "formats/hmrc_exporters_text.hpp"

#include <stdexcept>
#include <vector>

#include "formats/csv_field.hpp"

namespace dss::formats {
namespace {

constexpr std::size_t kFields = 10;
// A line this long holds no record anyone published: a file without line breaks would
// otherwise grow the line without bound.
constexpr std::size_t kLongestLine = 1 << 20;

bool is_line_break(char c) {
    switch (c) {
        case '\n':
        case '\r':
        case '\x0b':
        case '\x0c':
        case '\x1c':
        case '\x1d':
        case '\x1e':
            return true;
        default:
            return false;
    }
}

std::vector<std::string_view> split_on_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    while (true) {
        auto tab = line.find('\t');
        fields.push_back(line.substr(0, tab));
        if (tab == std::string_view::npos) return fields;
        line.remove_prefix(tab + 1);
    }
}

// `text` decoded, as one quoted CSV field.
void append_quoted(std::string& out, const MacRomanDecoder& decoder, std::string_view text) {
    std::string decoded;
    decoder.append(decoded, text);
    append_csv_quoted(out, decoded);
}

}  // namespace

HmrcExportersText::HmrcExportersText(storage::InputStream& input, const MacRomanDecoder& decoder,
                                     std::string file_name)
    : input_(input), decoder_(decoder) {
    if (file_name.empty()) return;
    append_csv_quoted(line_start_, file_name);
    line_start_ += ',';
}

std::string_view HmrcExportersText::next() {
    out_.clear();
    while (out_.empty() && !finished_) {
        auto count = input_.read(buffer_.data(), buffer_.size());
        bytes_read_ += count;
        if (count == 0) {
            end_line();
            finished_ = true;
            break;
        }
        for (std::size_t i = 0; i < count; ++i) {
            char c = buffer_[i];
            if (is_line_break(c)) {
                // \r\n is one break: the empty line between them is no line of the file.
                bool second_of_crlf = c == '\n' && previous_ == '\r';
                previous_ = c;
                if (second_of_crlf) continue;
                end_line();
                continue;
            }
            previous_ = c;
            line_ += c;
            if (line_.size() > kLongestLine) {
                throw std::runtime_error("line " + std::to_string(lines_ + 1) + " is longer than " +
                                         std::to_string(kLongestLine) + " bytes");
            }
        }
    }
    return out_;
}

void HmrcExportersText::end_line() {
    ++lines_;
    auto fields = split_on_tabs(line_);
    if (fields.size() >= kFields) {
        out_ += line_start_;
        for (std::size_t i = 0; i + 1 < kFields; ++i) {
            std::string unquoted;
            for (char c : fields[i]) {
                if (c != '"') unquoted += c;
            }
            append_quoted(out_, decoder_, unquoted);
            out_ += ',';
        }
        std::string codes;
        for (std::size_t i = kFields - 1; i < fields.size(); ++i) {
            if (fields[i].empty()) continue;
            if (!codes.empty()) codes += ',';
            codes.append(fields[i]);
        }
        append_quoted(out_, decoder_, codes);
        out_ += '\n';
    }
    line_.clear();
}

}  // namespace dss::formats
