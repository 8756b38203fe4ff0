// Parsing of PostgreSQL's text output format.
#include "db/result.hpp"

#include <charconv>
#include <stdexcept>

namespace dss::db {

std::uint64_t Result::affected_rows() const {
    std::string_view text = PQcmdTuples(handle_.get());
    std::uint64_t count = 0;
    std::from_chars(text.data(), text.data() + text.size(), count);
    return count;
}

int Result::column_index(std::string_view name) const {
    for (int column = 0; column < columns(); ++column) {
        if (column_name(column) == name) return column;
    }
    return -1;
}

namespace detail {

std::int64_t parse_integer(std::string_view text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument("not an integer: '" + std::string(text) + "'");
    }
    return value;
}

double parse_double(std::string_view text) {
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument("not a number: '" + std::string(text) + "'");
    }
    return value;
}

bool parse_boolean(std::string_view text) {
    if (text == "t") return true;
    if (text == "f") return false;
    throw std::invalid_argument("not a boolean: '" + std::string(text) + "'");
}

void throw_null_value(int row, int column) {
    throw std::logic_error("NULL in row " + std::to_string(row) + ", column " +
                           std::to_string(column) + " read as a non-optional value");
}

}  // namespace detail
}  // namespace dss::db
