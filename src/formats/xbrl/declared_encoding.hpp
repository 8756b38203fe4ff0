// Documents declared in an encoding pugixml does not read itself (it reads UTF-8, UTF-16,
// UTF-32 and Latin-1): such a document is converted to UTF-8 with iconv first, as lxml would
// have decoded it for the reference. Filing software writes windows-1252 now and then.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dss::formats::xbrl {

// The encoding the XML declaration at the start of `content` names, when it is one pugixml
// does not read; nullopt otherwise (no declaration, or one pugixml reads).
std::optional<std::string> encoding_to_convert(std::string_view content);

// `content` converted from `encoding` to UTF-8. Throws DocumentError when iconv does not know
// the encoding or the bytes are not text in it.
std::string converted_to_utf8(std::string_view content, const std::string& encoding);

}  // namespace dss::formats::xbrl
