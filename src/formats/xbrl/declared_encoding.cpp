#include "formats/xbrl/declared_encoding.hpp"

#include <array>
#include <cerrno>

#include "core/ascii_case.hpp"
#include "formats/iconv_handle.hpp"
#include "formats/xbrl/document_error.hpp"

namespace dss::formats::xbrl {
namespace {

// The declaration is at the very start: `<?xml version="1.0" encoding="..."?>`.
std::optional<std::string> declared_encoding(std::string_view content) {
    if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
    if (!content.starts_with("<?xml")) return std::nullopt;
    auto declaration = content.substr(0, content.find("?>"));
    auto key = declaration.find("encoding");
    if (key == std::string_view::npos) return std::nullopt;
    auto rest = declaration.substr(key + 8);
    auto equals = rest.find_first_not_of(" \t\r\n");
    if (equals == std::string_view::npos || rest[equals] != '=') return std::nullopt;
    auto quote = rest.find_first_not_of(" \t\r\n", equals + 1);
    if (quote == std::string_view::npos || (rest[quote] != '"' && rest[quote] != '\''))
        return std::nullopt;
    auto end = rest.find(rest[quote], quote + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return std::string(rest.substr(quote + 1, end - quote - 1));
}

bool pugixml_reads(const std::string& encoding) {
    for (const char* known :
         {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1"}) {
        if (core::ascii_iequals(encoding, known)) return true;
    }
    return core::ascii_istarts_with(encoding, "utf-16") ||
           core::ascii_istarts_with(encoding, "utf-32");
}

}  // namespace

std::optional<std::string> encoding_to_convert(std::string_view content) {
    auto encoding = declared_encoding(content);
    if (!encoding || pugixml_reads(*encoding)) return std::nullopt;
    return encoding;
}

std::string converted_to_utf8(std::string_view content, const std::string& encoding) {
    auto converter = formats::open_iconv("UTF-8", encoding.c_str());
    if (!converter)
        throw DocumentError("the declared encoding '" + encoding + "' is not one dss knows");
    std::string out;
    out.reserve(content.size() + content.size() / 4);
    auto* in_at = const_cast<char*>(content.data());  // iconv's signature; it does not write
    std::size_t in_left = content.size();
    std::array<char, 1 << 14> buffer{};
    while (in_left > 0) {
        char* out_at = buffer.data();
        std::size_t out_left = buffer.size();
        auto result = iconv(converter.get(), &in_at, &in_left, &out_at, &out_left);
        out.append(buffer.data(), buffer.size() - out_left);
        if (result == static_cast<std::size_t>(-1) && errno != E2BIG) {
            throw DocumentError("byte " + std::to_string(content.size() - in_left) +
                                " is not text in the declared encoding '" + encoding + "'");
        }
    }
    return out;
}

}  // namespace dss::formats::xbrl
