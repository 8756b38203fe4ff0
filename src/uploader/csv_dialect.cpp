#include "uploader/csv_dialect.hpp"

#include <stdexcept>
#include <string>

namespace dss::uploader {
namespace {

std::string shown(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\0') {
            out += "\\0";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

char one_character(std::string_view field, std::string_view text, char fallback) {
    if (text.empty()) return fallback;
    if (text.size() != 1) {
        // A non-ASCII character is one character to the user but several bytes here.
        bool one_non_ascii = static_cast<unsigned char>(text[0]) >= 0xC0 && text.size() <= 4;
        throw std::invalid_argument(std::string(field) + " must be one " +
                                    (one_non_ascii ? "ASCII " : "") + "character, got " +
                                    shown(text));
    }
    char c = text[0];
    if (c == '\n' || c == '\r' || c == '\0') {
        throw std::invalid_argument(std::string(field) + " cannot be a line end or a NUL, got " +
                                    shown(text));
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
        throw std::invalid_argument(std::string(field) + " must be one ASCII character, got " +
                                    shown(text));
    }
    return c;
}

}  // namespace

CsvDialect parse_dialect(std::string_view delimiter, std::string_view quote) {
    CsvDialect dialect;
    dialect.delimiter = one_character("delimiter", delimiter, dialect.delimiter);
    dialect.quote = one_character("quote", quote, dialect.quote);
    if (dialect.delimiter == dialect.quote) {
        throw std::invalid_argument("quote must differ from the delimiter, both are " +
                                    shown(std::string_view(&dialect.quote, 1)));
    }
    return dialect;
}

}  // namespace dss::uploader
