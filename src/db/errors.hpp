// Database exceptions carrying the SQLSTATE, so callers catch a type or test a code, not a string.
#pragma once

#include <libpq-fe.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace dss::db {

class DatabaseError : public std::runtime_error {
   public:
    DatabaseError(std::string sqlstate, const std::string& message,
                  std::optional<int> position = std::nullopt)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)), position_(position) {}

    // Five-character SQLSTATE ("23505", "42P01", ...); "" when the server gave none.
    const std::string& sqlstate() const { return sqlstate_; }
    // 1-based character offset into the statement where the server located the error.
    std::optional<int> position() const { return position_; }

   private:
    std::string sqlstate_;
    std::optional<int> position_;
};

// The server could not be reached, or the connection broke (SQLSTATE class 08).
class ConnectionError : public DatabaseError {
   public:
    explicit ConnectionError(const std::string& message) : DatabaseError("08006", message) {}
};

// Well-known SQLSTATE codes that callers branch on.
namespace sqlstate {
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kUndefinedTable = "42P01";
inline constexpr const char* kUndefinedColumn = "42703";
inline constexpr const char* kDuplicateDatabase = "42P04";
inline constexpr const char* kInvalidCatalogName = "3D000";
inline constexpr const char* kQueryCanceled = "57014";
inline constexpr const char* kDependentObjectsStillExist = "2BP01";
}  // namespace sqlstate

// Throws the matching exception when `result` is missing or did not end in `expected`.
// `context` says what was being done ("running migration 0001_core.sql").
void check_result(PGconn* connection, const PGresult* result, ExecStatusType expected,
                  std::string_view context);

}  // namespace dss::db
