// An owned PGresult with typed accessors.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dss::db {

class Result {
   public:
    Result() = default;
    explicit Result(PGresult* handle) : handle_(handle, &PQclear) {}

    int rows() const { return PQntuples(handle_.get()); }
    int columns() const { return PQnfields(handle_.get()); }
    bool empty() const { return rows() == 0; }
    // Rows touched by INSERT/UPDATE/DELETE/COPY.
    std::uint64_t affected_rows() const;

    std::string_view column_name(int column) const { return PQfname(handle_.get(), column); }
    // -1 when there is no such column.
    int column_index(std::string_view name) const;
    Oid column_type(int column) const { return PQftype(handle_.get(), column); }

    bool is_null(int row, int column) const { return PQgetisnull(handle_.get(), row, column) != 0; }
    // The text form of a value; valid as long as this Result lives. "" for NULL.
    std::string_view text(int row, int column) const {
        return {PQgetvalue(handle_.get(), row, column),
                static_cast<std::size_t>(PQgetlength(handle_.get(), row, column))};
    }

    // Typed access: std::string, std::int64_t, int, double, bool, or std::optional of those
    // (NULL -> nullopt). A NULL read as a non-optional type throws.
    template <typename T>
    T get(int row, int column) const;

    PGresult* native() const { return handle_.get(); }

   private:
    std::unique_ptr<PGresult, decltype(&PQclear)> handle_{nullptr, &PQclear};
};

namespace detail {
std::int64_t parse_integer(std::string_view text);
double parse_double(std::string_view text);
bool parse_boolean(std::string_view text);
[[noreturn]] void throw_null_value(int row, int column);

template <typename T>
T parse(std::string_view text) {
    if constexpr (std::is_same_v<T, std::string>) {
        return std::string(text);
    } else if constexpr (std::is_same_v<T, bool>) {
        return parse_boolean(text);
    } else if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(parse_integer(text));
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(parse_double(text));
    } else {
        static_assert(sizeof(T) == 0, "unsupported result type");
    }
}

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
}  // namespace detail

template <typename T>
T Result::get(int row, int column) const {
    if constexpr (detail::is_optional<T>::value) {
        if (is_null(row, column)) return std::nullopt;
        return detail::parse<typename T::value_type>(text(row, column));
    } else {
        if (is_null(row, column)) detail::throw_null_value(row, column);
        return detail::parse<T>(text(row, column));
    }
}

}  // namespace dss::db
