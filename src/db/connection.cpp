// Connection set-up, statement execution and liveness checks over libpq.
#include "db/connection.hpp"

#include <poll.h>

#include <array>

#include "core/logging.hpp"
#include "db/database_url.hpp"
#include "db/errors.hpp"

namespace dss::db {
namespace {

// Server notices (NOTICE, WARNING) go to the log instead of libpq's default stderr print.
// Must not throw: libpq calls it from C.
void log_notice(void* /*unused*/, const char* message) noexcept {
    try {
        std::string text = message;
        while (!text.empty() && text.back() == '\n') text.pop_back();
        core::logger("db")->debug("server: {}", text);
    } catch (...) {  // NOLINT(bugprone-empty-catch): a lost notice is harmless
    }
}

}  // namespace

Connection::Connection(const std::string& url, const ConnectOptions& options) {
    auto timeout = std::to_string(options.connect_timeout.count());
    // Keywords before dbname are defaults: values inside the URL override them.
    std::array<const char*, 5> keywords = {"connect_timeout", "application_name", "client_encoding",
                                           "dbname", nullptr};
    std::array<const char*, 5> values = {timeout.c_str(), options.application_name.c_str(), "UTF8",
                                         url.c_str(), nullptr};
    handle_.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
    if (handle_ == nullptr) throw ConnectionError("out of memory connecting to PostgreSQL");
    if (PQstatus(handle_.get()) != CONNECTION_OK) {
        std::string message = PQerrorMessage(handle_.get());
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw ConnectionError("cannot connect to " + redact_password(url) + ": " + message);
    }
    PQsetNoticeProcessor(handle_.get(), &log_notice, nullptr);
}

Result Connection::execute_parameters(std::string_view sql, std::span<const Parameter> parameters) {
    std::string statement(sql);
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& parameter : parameters) {
        values.push_back(parameter ? parameter->c_str() : nullptr);
    }
    Result result(PQexecParams(handle_.get(), statement.c_str(), static_cast<int>(values.size()),
                               nullptr, values.data(), nullptr, nullptr, 0));
    auto status = result.native() == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.native());
    check_result(handle_.get(), result.native(),
                 status == PGRES_TUPLES_OK ? PGRES_TUPLES_OK : PGRES_COMMAND_OK, {});
    return result;
}

void Connection::execute_script(std::string_view sql, std::string_view context) {
    std::string script(sql);
    // PQexec returns only the last statement's result, but stops at the first error.
    Result result(PQexec(handle_.get(), script.c_str()));
    auto status = result.native() == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.native());
    if (status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
    check_result(handle_.get(), result.native(), PGRES_COMMAND_OK, context);
}

bool Connection::is_open() const { return PQstatus(handle_.get()) == CONNECTION_OK; }

bool Connection::is_alive() {
    // An idle connection has nothing to read. Readable means a message (often the server's
    // goodbye: FATAL, then end of stream), so consume until quiet or until the end shows.
    for (int attempt = 0; attempt < 8 && is_open(); ++attempt) {
        pollfd descriptor{PQsocket(handle_.get()), POLLIN, 0};
        if (::poll(&descriptor, 1, 0) == 0) return true;
        if (PQconsumeInput(handle_.get()) == 0) return false;
    }
    return is_open();
}

bool Connection::in_transaction() const {
    return PQtransactionStatus(handle_.get()) != PQTRANS_IDLE;
}

}  // namespace dss::db
