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
    // A server or network that goes silent is noticed by the kernel: keepalive probes on an
    // idle connection, and tcp_user_timeout for data sent and never acknowledged.
    // Keywords before dbname are defaults: values inside the URL override them.
    std::array<const char*, 10> keywords = {"connect_timeout",  "application_name",
                                            "client_encoding",  "keepalives",
                                            "keepalives_idle",  "keepalives_interval",
                                            "keepalives_count", "tcp_user_timeout",
                                            "dbname",           nullptr};
    std::array<const char*, 10> values = {timeout.c_str(),
                                          options.application_name.c_str(),
                                          "UTF8",
                                          "1",
                                          "30",
                                          "10",
                                          "3",
                                          "60000",
                                          url.c_str(),
                                          nullptr};
    handle_.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
    if (handle_ == nullptr) throw ConnectionError("out of memory connecting to PostgreSQL");
    if (PQstatus(handle_.get()) != CONNECTION_OK) {
        std::string message = PQerrorMessage(handle_.get());
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw ConnectionError("cannot connect to " + redact_password(url) + ": " + message);
    }
    PQsetNoticeProcessor(handle_.get(), &log_notice, nullptr);
    // Set here rather than as a connection option, which `?options=` in the URL would replace.
    execute("SET statement_timeout = " + std::to_string(options.statement_timeout.count()));
    canceller_ = std::shared_ptr<PGcancel>(PQgetCancel(handle_.get()), &PQfreeCancel);
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

std::int64_t Connection::for_each_row_parameters(std::string_view sql,
                                                 std::span<const Parameter> parameters,
                                                 const std::function<void(const Result&)>& on_row) {
    std::string statement(sql);
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& parameter : parameters)
        values.push_back(parameter ? parameter->c_str() : nullptr);
    if (PQsendQueryParams(handle_.get(), statement.c_str(), static_cast<int>(values.size()),
                          nullptr, values.data(), nullptr, nullptr, 0) != 1) {
        check_result(handle_.get(), nullptr, PGRES_TUPLES_OK, {});
    }
    PQsetSingleRowMode(handle_.get());
    std::int64_t rows = 0;
    std::exception_ptr failure;
    // Every result must be collected, even after a failure, before the connection is usable again.
    while (PGresult* raw = PQgetResult(handle_.get())) {
        Result result(raw);
        if (failure) continue;
        auto status = PQresultStatus(raw);
        try {
            if (status == PGRES_SINGLE_TUPLE) {
                on_row(result);
                ++rows;
            } else if (status != PGRES_TUPLES_OK) {
                check_result(handle_.get(), raw, PGRES_TUPLES_OK, {});
            }
        } catch (...) {
            failure = std::current_exception();
        }
    }
    if (failure) std::rethrow_exception(failure);
    return rows;
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

void cancel_statement(const std::shared_ptr<PGcancel>& canceller) {
    if (canceller == nullptr) return;
    std::array<char, 256> error{};
    if (PQcancel(canceller.get(), error.data(), static_cast<int>(error.size())) != 1)
        core::logger("db")->warn("cancelling a statement failed: {}", error.data());
}

bool Connection::in_transaction() const {
    return PQtransactionStatus(handle_.get()) != PQTRANS_IDLE;
}

}  // namespace dss::db
