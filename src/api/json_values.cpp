// Type OIDs from PostgreSQL's pg_type.dat; stable across versions.
#include "api/json_values.hpp"

#include <array>

namespace dss::api {
namespace {

constexpr Oid kBool = 16;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kText = 25;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kBpchar = 1042;
constexpr Oid kVarchar = 1043;
constexpr Oid kDate = 1082;
constexpr Oid kTime = 1083;
constexpr Oid kTimestamp = 1114;
constexpr Oid kTimestamptz = 1184;
constexpr Oid kNumeric = 1700;
constexpr Oid kName = 19;
constexpr Oid kUuid = 2950;

}  // namespace

JsonFormat json_format_for(Oid type) {
    switch (type) {
        case kInt2:
        case kInt4:
        case kInt8:
        case kOid:
        case kFloat4:
        case kFloat8:
        case kNumeric:
            return JsonFormat::number;
        case kBool:
            return JsonFormat::boolean;
        case kText:
        case kVarchar:
        case kBpchar:
        case kName:
        case kDate:
        case kTime:
        case kUuid:
            return JsonFormat::text;
        case kTimestamp:
        case kTimestamptz:
            return JsonFormat::timestamp;
        default:
            return JsonFormat::json;
    }
}

bool needs_to_json(Oid type) { return json_format_for(type) == JsonFormat::json; }

void append_json_string(std::string& out, std::string_view text) {
    static constexpr std::string_view kHex = "0123456789abcdef";
    out += '"';
    std::size_t clean_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.substr(clean_start, i - clean_start));
        clean_start = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4U];
                out += kHex[c & 0xFU];
        }
    }
    out.append(text.substr(clean_start));
    out += '"';
}

void append_json_value(std::string& out, JsonFormat format, std::string_view text, bool is_null) {
    if (is_null) {
        out += "null";
        return;
    }
    switch (format) {
        case JsonFormat::number:
            // NaN and infinities have no JSON spelling.
            if (text == "NaN" || text == "Infinity" || text == "-Infinity")
                out += "null";
            else
                out.append(text);
            return;
        case JsonFormat::boolean:
            out += text == "t" ? "true" : "false";
            return;
        case JsonFormat::text:
            append_json_string(out, text);
            return;
        case JsonFormat::timestamp: {
            out += '"';
            auto space = text.find(' ');
            if (space == std::string_view::npos) {
                out.append(text);
            } else {
                out.append(text.substr(0, space)).append("T").append(text.substr(space + 1));
            }
            out += '"';
            return;
        }
        case JsonFormat::json:
            out.append(text);
            return;
    }
}

}  // namespace dss::api
