// COPY streaming over libpq's blocking copy API.
#include "db/copy.hpp"

#include <algorithm>
#include <array>
#include <climits>

#include "core/logging.hpp"
#include "db/errors.hpp"

namespace dss::db {
namespace {

void start_copy(Connection& connection, std::string_view statement, ExecStatusType expected) {
    std::string sql(statement);
    Result result(PQexec(connection.native(), sql.c_str()));
    check_result(connection.native(), result.native(), expected, "starting COPY");
}

// Collects the command's final result after the data phase and throws on failure.
Result finish_command(Connection& connection, std::string_view context) {
    Result last;
    while (PGresult* next = PQgetResult(connection.native())) last = Result(next);
    check_result(connection.native(), last.native(), PGRES_COMMAND_OK, context);
    return last;
}

}  // namespace

CopyIn::CopyIn(Connection& connection, std::string_view copy_statement) : connection_(connection) {
    start_copy(connection_, copy_statement, PGRES_COPY_IN);
}

CopyIn::~CopyIn() {
    if (!active_) return;
    try {
        PQputCopyEnd(connection_.native(), "COPY abandoned by dss");
        while (PGresult* next = PQgetResult(connection_.native())) PQclear(next);
    } catch (...) {  // NOLINT(bugprone-empty-catch): destructors must not throw
    }
}

void CopyIn::write(std::string_view data) {
    while (!data.empty()) {
        auto piece = std::min<std::size_t>(data.size(), INT_MAX);
        if (PQputCopyData(connection_.native(), data.data(), static_cast<int>(piece)) != 1) {
            active_ = false;
            throw ConnectionError(std::string("sending COPY data: ") +
                                  PQerrorMessage(connection_.native()));
        }
        data.remove_prefix(piece);
    }
}

std::uint64_t CopyIn::finish() {
    active_ = false;
    if (PQputCopyEnd(connection_.native(), nullptr) != 1) {
        throw ConnectionError(std::string("ending COPY: ") + PQerrorMessage(connection_.native()));
    }
    return finish_command(connection_, {}).affected_rows();
}

CopyOut::CopyOut(Connection& connection, std::string_view copy_statement)
    : connection_(connection) {
    start_copy(connection_, copy_statement, PGRES_COPY_OUT);
}

CopyOut::~CopyOut() {
    if (!active_) return;
    // Abandoned mid-stream: cancel the query and drain what is in flight so that the connection
    // is usable (or at least honestly broken) afterwards.
    try {
        if (PGcancel* cancel = PQgetCancel(connection_.native())) {
            std::array<char, 256> error{};
            PQcancel(cancel, error.data(), static_cast<int>(error.size()));
            PQfreeCancel(cancel);
        }
        char* data = nullptr;
        while (PQgetCopyData(connection_.native(), &data, 0) > 0) PQfreemem(data);
        while (PGresult* next = PQgetResult(connection_.native())) PQclear(next);
    } catch (...) {  // NOLINT(bugprone-empty-catch): destructors must not throw
    }
}

bool CopyOut::next(std::string_view& chunk) {
    if (!active_) return false;
    char* data = nullptr;
    int length = PQgetCopyData(connection_.native(), &data, 0);
    buffer_.reset(data);
    if (length > 0) {
        chunk = std::string_view(data, static_cast<std::size_t>(length));
        return true;
    }
    active_ = false;
    if (length == -2) {
        throw ConnectionError(std::string("reading COPY data: ") +
                              PQerrorMessage(connection_.native()));
    }
    finish_command(connection_, {});
    return false;
}

}  // namespace dss::db
