// The one way identifiers enter SQL text. Callers check names against the catalogue first
// where they come from outside; this function only makes the text safe to splice.
#pragma once

#include <string>
#include <string_view>

namespace dss::db {

// "name" with embedded double quotes doubled. Throws std::invalid_argument for an empty name
// or one holding a NUL byte, which PostgreSQL cannot represent.
std::string quote_identifier(std::string_view name);

// "schema"."table": schemas such as ons.postcode_directory contain a dot and need the quotes.
std::string qualified_name(std::string_view schema, std::string_view table);

}  // namespace dss::db
