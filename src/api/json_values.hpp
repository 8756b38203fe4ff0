// Writing PostgreSQL values (text output format) as JSON without building a document: API
// pages are appended byte by byte into the response body.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace dss::api {

// How a column's text output becomes JSON.
enum class JsonFormat {
    number,     // integers, numeric (keeps every digit), floats
    boolean,    // t/f
    text,       // a JSON string
    timestamp,  // "YYYY-MM-DD HH:MM:SS[.ffffff]" -> "YYYY-MM-DDTHH:MM:SS[.ffffff]"
    json,       // the query already produced JSON (to_json), copied as is
};

// The format for a column type; types without a direct mapping (arrays, json, uuid, ...) are
// `json`, and the query must select them through to_json().
JsonFormat json_format_for(Oid type);
bool needs_to_json(Oid type);

void append_json_string(std::string& out, std::string_view text);
// Appends the value of one cell; `is_null` writes null.
void append_json_value(std::string& out, JsonFormat format, std::string_view text, bool is_null);

}  // namespace dss::api
