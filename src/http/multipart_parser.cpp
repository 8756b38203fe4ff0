// A small state machine over a pending buffer. The stream is read as if it began with "\r\n",
// so that the first boundary is found by the same delimiter as the others.
#include "http/multipart_parser.hpp"

#include <algorithm>
#include <cctype>

#include "core/ascii_case.hpp"
#include "core/ascii_text.hpp"

namespace dss::http {
namespace {

constexpr std::size_t kHeaderLimit = std::size_t{16} * 1024;
constexpr std::size_t kCompactAbove = std::size_t{64} * 1024;
constexpr std::size_t kPaddingLimit = 1024;

// The value of `name=` in a header's parameters: quoted (backslash escapes) or a token.
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
    std::size_t at = 0;
    while ((at = header.find(';', at)) != std::string_view::npos) {
        ++at;
        auto rest = core::trim(header.substr(at));
        auto equals = rest.find('=');
        if (equals == std::string_view::npos) continue;
        if (!core::ascii_iequals(core::trim(rest.substr(0, equals)), name)) continue;
        auto value = core::trim(rest.substr(equals + 1));
        if (!value.starts_with('"')) return std::string(value.substr(0, value.find(';')));
        std::string out;
        for (std::size_t i = 1; i < value.size(); ++i) {
            if (value[i] == '\\' && i + 1 < value.size()) {
                out += value[++i];
            } else if (value[i] == '"') {
                return out;
            } else {
                out += value[i];
            }
        }
        throw MultipartError("a part header has an unterminated quoted " + std::string(name));
    }
    return std::nullopt;
}

PartHeader parse_part_header(std::string_view block) {
    PartHeader header;
    bool disposition = false;
    while (!block.empty()) {
        auto end = block.find("\r\n");
        auto line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
        auto colon = line.find(':');
        if (colon == std::string_view::npos) throw MultipartError("a part header has no colon");
        auto field = core::trim(line.substr(0, colon));
        auto value = core::trim(line.substr(colon + 1));
        if (core::ascii_iequals(field, "Content-Disposition")) {
            if (!core::ascii_iequals(core::trim(value.substr(0, value.find(';'))), "form-data")) {
                throw MultipartError("a part is not form-data");
            }
            disposition = true;
            header.name = parameter(value, "name").value_or("");
            header.filename = parameter(value, "filename");
        } else if (core::ascii_iequals(field, "Content-Type")) {
            header.content_type = std::string(value);
        }
    }
    if (!disposition) throw MultipartError("a part has no Content-Disposition");
    return header;
}

}  // namespace

std::optional<std::string> MultipartParser::boundary_of(std::string_view content_type) {
    auto type = core::trim(content_type.substr(0, content_type.find(';')));
    if (!core::ascii_iequals(type, "multipart/form-data")) return std::nullopt;
    auto boundary = parameter(content_type, "boundary");
    // RFC 2046: 1 to 70 characters.
    if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
    return boundary;
}

MultipartParser::MultipartParser(std::string_view boundary, Events events)
    : delimiter_("\r\n--" + std::string(boundary)), events_(std::move(events)), pending_("\r\n") {}

void MultipartParser::feed(std::string_view bytes) {
    if (state_ == State::epilogue) return;
    if (offset_ > kCompactAbove) {
        pending_.erase(0, offset_);
        offset_ = 0;
    }
    pending_.append(bytes);
    while (step()) {
    }
}

bool MultipartParser::step() {
    switch (state_) {
        case State::preamble:
            return in_preamble();
        case State::after_boundary:
            return after_boundary();
        case State::headers:
            return in_headers();
        case State::body:
            return in_body();
        case State::epilogue:
            pending_.clear();
            offset_ = 0;
            return false;
    }
    return false;
}

bool MultipartParser::in_preamble() {
    auto found = std::string_view(pending_).find(delimiter_, offset_);
    if (found == std::string_view::npos) {
        // Keep only what could still be the start of the delimiter.
        if (pending_.size() - offset_ > delimiter_.size()) {
            offset_ = pending_.size() - delimiter_.size();
        }
        if (offset_ > kHeaderLimit) throw MultipartError("no boundary where the body begins");
        return false;
    }
    offset_ = found + delimiter_.size();
    state_ = State::after_boundary;
    return true;
}

bool MultipartParser::after_boundary() {
    auto rest = std::string_view(pending_).substr(offset_);
    // Transport padding may follow a boundary (RFC 2046); a little, not gigabytes of it.
    auto padding = rest.find_first_not_of(" \t");
    if (std::min(padding, rest.size()) > kPaddingLimit) {
        throw MultipartError("too much padding after a boundary");
    }
    if (padding == std::string_view::npos || rest.size() < padding + 2) return false;
    auto marker = rest.substr(padding, 2);
    offset_ += padding + 2;
    if (marker == "--") {
        state_ = State::epilogue;
        return true;
    }
    if (marker != "\r\n") throw MultipartError("a boundary is followed by neither CRLF nor --");
    state_ = State::headers;
    return true;
}

bool MultipartParser::in_headers() {
    auto rest = std::string_view(pending_).substr(offset_);
    // A part without headers starts its body at once; form-data always has some.
    auto end = rest.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        if (rest.size() > kHeaderLimit) throw MultipartError("a part's headers are too long");
        return false;
    }
    if (end > kHeaderLimit) throw MultipartError("a part's headers are too long");
    auto header = parse_part_header(rest.substr(0, end));
    offset_ += end + 4;
    state_ = State::body;
    events_.begin(header);
    return true;
}

bool MultipartParser::in_body() {
    auto view = std::string_view(pending_);
    auto found = view.find(delimiter_, offset_);
    if (found == std::string_view::npos) {
        auto keep = delimiter_.size() - 1;
        if (view.size() - offset_ > keep) {
            auto usable = view.size() - keep;
            events_.data(view.substr(offset_, usable - offset_));
            offset_ = usable;
        }
        return false;
    }
    if (found > offset_) events_.data(view.substr(offset_, found - offset_));
    offset_ = found + delimiter_.size();
    state_ = State::after_boundary;
    events_.end();
    return true;
}

}  // namespace dss::http
