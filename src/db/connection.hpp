// One PostgreSQL connection: parameterised statements ($n), scripts, and liveness.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "db/result.hpp"

namespace dss::db {

// A statement parameter in text form; nullopt is SQL NULL.
using Parameter = std::optional<std::string>;

inline Parameter to_parameter(std::nullopt_t) { return std::nullopt; }
inline Parameter to_parameter(std::string_view text) { return std::string(text); }
inline Parameter to_parameter(const std::string& text) { return text; }
inline Parameter to_parameter(const char* text) { return std::string(text); }
inline Parameter to_parameter(bool value) { return std::string(value ? "true" : "false"); }
template <typename T>
requires std::is_arithmetic_v<T> Parameter to_parameter(T value) { return std::to_string(value); }
template <typename T>
Parameter to_parameter(const std::optional<T>& value) {
    return value ? to_parameter(*value) : std::nullopt;
}

struct ConnectOptions {
    std::chrono::seconds connect_timeout{10};
    std::string application_name = "dss";
    // The server cancels statements that run longer (serving); zero: no limit (loads).
    std::chrono::milliseconds statement_timeout{0};
};

class Connection {
   public:
    // Connects at once; throws ConnectionError naming the (password-free) URL on failure.
    explicit Connection(const std::string& url, const ConnectOptions& options = {});

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&&) noexcept = default;
    Connection& operator=(Connection&&) noexcept = default;
    ~Connection() = default;

    // One statement with $1, $2 ... parameters, values always sent separately from the SQL.
    template <typename... Args>
    Result execute(std::string_view sql, const Args&... args) {
        std::vector<Parameter> parameters{to_parameter(args)...};
        return execute_parameters(sql, parameters);
    }
    Result execute_parameters(std::string_view sql, std::span<const Parameter> parameters);

    // Runs a query in libpq's single-row mode, calling `on_row` with a one-row Result as each
    // row arrives, so that the caller works while the server is still producing rows and never
    // holds the whole result. Returns the number of rows.
    template <typename... Args>
    std::int64_t for_each_row(std::string_view sql,
                              const std::function<void(const Result&)>& on_row,
                              const Args&... args) {
        std::vector<Parameter> parameters{to_parameter(args)...};
        return for_each_row_parameters(sql, parameters, on_row);
    }
    std::int64_t for_each_row_parameters(std::string_view sql,
                                         std::span<const Parameter> parameters,
                                         const std::function<void(const Result&)>& on_row);

    // Several ;-separated statements without parameters (migrations, DDL batches).
    void execute_script(std::string_view sql, std::string_view context = {});

    // False once the server closed the connection or a network error broke it.
    bool is_open() const;
    // Cheap check for a connection that sat idle: notices a server that went away meanwhile.
    bool is_alive();
    bool in_transaction() const;
    // What cancels the statement running on this connection, from any thread, with
    // cancel_statement(); made once at connect, since libpq's PQgetCancel may not run
    // alongside a statement.
    std::shared_ptr<PGcancel> canceller() const { return canceller_; }

    std::string database_name() const { return PQdb(handle_.get()); }
    PGconn* native() const { return handle_.get(); }

   private:
    std::unique_ptr<PGconn, decltype(&PQfinish)> handle_{nullptr, &PQfinish};
    std::shared_ptr<PGcancel> canceller_;
};

// Asks the server to cancel the statement `canceller` belongs to; does nothing when none runs.
// Opens a connection of its own to the server, so it blocks while the server cannot be reached.
void cancel_statement(const std::shared_ptr<PGcancel>& canceller);

}  // namespace dss::db
