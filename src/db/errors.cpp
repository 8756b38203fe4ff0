// Turning libpq's error reports into exceptions.
#include "db/errors.hpp"

#include <charconv>
#include <string_view>

namespace dss::db {
namespace {

std::string trimmed(const char* text) {
    std::string message = text == nullptr ? "" : text;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

std::string with_context(std::string_view context, const std::string& message) {
    if (context.empty()) return message;
    return std::string(context) + ": " + message;
}

}  // namespace

void check_result(PGconn* connection, const PGresult* result, ExecStatusType expected,
                  std::string_view context) {
    if (result != nullptr && PQresultStatus(result) == expected) return;
    if (result == nullptr || PQstatus(connection) == CONNECTION_BAD) {
        auto message = trimmed(result != nullptr ? PQresultErrorMessage(result) : nullptr);
        if (message.empty()) message = trimmed(PQerrorMessage(connection));
        // libpq leaves both empty when the socket just closed (the server stopped).
        if (message.empty()) message = "the connection to the server was lost";
        throw ConnectionError(with_context(context, message));
    }
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    std::optional<int> position;
    if (const char* at = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION)) {
        int value = 0;
        std::string_view text(at);
        if (std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc()) {
            position = value;
        }
    }
    auto message = trimmed(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
    if (message.empty()) message = trimmed(PQresultErrorMessage(result));
    if (message.empty()) {
        message = std::string("unexpected result status ") + PQresStatus(PQresultStatus(result));
    }
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) {
        message += " (" + trimmed(detail) + ")";
    }
    // Where it happened, e.g. "COPY load, line 3, column t": what a user needs to fix a file.
    if (const char* where = PQresultErrorField(result, PG_DIAG_CONTEXT))
        message += " [" + trimmed(where) + "]";
    throw DatabaseError(state != nullptr ? state : "", with_context(context, message), position);
}

}  // namespace dss::db
