// Small operations on postgresql:// URLs: the database name, and a password-free form for logs.
#pragma once

#include <string>
#include <string_view>

namespace dss::db {

// The database the URL names ("" when it names none, so libpq's default applies).
std::string database_of(std::string_view url);
// The same URL pointing at another database (used to reach the maintenance database, and to
// give each test its own database).
std::string with_database(std::string_view url, std::string_view database);
// The URL with any password replaced by "***".
std::string redact_password(std::string_view url);

}  // namespace dss::db
