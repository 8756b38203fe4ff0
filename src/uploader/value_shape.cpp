#include "uploader/value_shape.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>

#include "core/ascii_text.hpp"

namespace dss::uploader {
namespace {

// Reads a value from left to right. A failed read may have moved: callers give up on the
// whole value then.
class Cursor {
   public:
    explicit Cursor(std::string_view text) : text_(text) {}

    bool done() const { return at_ == text_.size(); }
    bool accept(char c) {
        if (done() || text_[at_] != c) return false;
        ++at_;
        return true;
    }
    bool accept_any(std::string_view chars) {
        if (done() || chars.find(text_[at_]) == std::string_view::npos) return false;
        ++at_;
        return true;
    }
    // Any number of digits (none included).
    std::string_view digits() {
        auto start = at_;
        while (!done() && core::is_ascii_digit(text_[at_])) ++at_;
        return text_.substr(start, at_ - start);
    }
    // Exactly `count` digits as a number; nullopt (having moved) otherwise.
    std::optional<int> fixed_digits(std::size_t count) {
        int value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (done() || !core::is_ascii_digit(text_[at_])) return std::nullopt;
            value = value * 10 + (text_[at_] - '0');
            ++at_;
        }
        return value;
    }

   private:
    std::string_view text_;
    std::size_t at_ = 0;
};

struct Number {
    bool whole = true;
    std::string_view integer_digits;
};

// [+-]? (D+ ('.' D*)? | '.' D+) ([eE] [+-]? D+)?
std::optional<Number> read_number(std::string_view value) {
    Cursor cursor(value);
    cursor.accept_any("+-");
    Number number;
    number.integer_digits = cursor.digits();
    if (cursor.accept('.')) {
        number.whole = false;
        auto fraction = cursor.digits();
        if (number.integer_digits.empty() && fraction.empty()) return std::nullopt;
    } else if (number.integer_digits.empty()) {
        return std::nullopt;
    }
    if (cursor.accept_any("eE")) {
        number.whole = false;
        cursor.accept_any("+-");
        if (cursor.digits().empty()) return std::nullopt;
    }
    if (!cursor.done()) return std::nullopt;
    return number;
}

bool fits_bigint(std::string_view value) {
    if (value.starts_with('+')) value.remove_prefix(1);  // from_chars reads no plus sign
    std::int64_t parsed = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    return error == std::errc() && end == value.data() + value.size();
}

ValueShape number_shape(std::string_view value, const Number& number) {
    if (number.integer_digits.size() > 1 && number.integer_digits[0] == '0')
        return ValueShape::leading_zero_number;
    if (!number.whole) return ValueShape::decimal;
    return fits_bigint(value) ? ValueShape::whole_number : ValueShape::big_whole_number;
}

bool is_boolean(std::string_view value) {
    for (std::string_view spelling : {"true", "True", "TRUE", "false", "False", "FALSE"}) {
        if (value == spelling) return true;
    }
    return false;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) return 29;
    return days.at(static_cast<std::size_t>(month - 1));
}

// YYYY-MM-DD; year 0 does not exist for PostgreSQL.
bool read_date(Cursor& cursor) {
    auto year = cursor.fixed_digits(4);
    if (!year || !cursor.accept('-')) return false;
    auto month = cursor.fixed_digits(2);
    if (!month || !cursor.accept('-')) return false;
    auto day = cursor.fixed_digits(2);
    return day && *year >= 1 && *month >= 1 && *month <= 12 && *day >= 1 &&
           *day <= days_in_month(*year, *month);
}

bool read_two_digits_below(Cursor& cursor, int limit) {
    auto value = cursor.fixed_digits(2);
    return value && *value < limit;
}

// HH:MM[:SS[.fraction]]
bool read_time(Cursor& cursor) {
    if (!read_two_digits_below(cursor, 24) || !cursor.accept(':') ||
        !read_two_digits_below(cursor, 60)) {
        return false;
    }
    if (!cursor.accept(':')) return true;
    if (!read_two_digits_below(cursor, 60)) return false;
    if (!cursor.accept('.')) return true;
    return !cursor.digits().empty();
}

// Nothing, Z, or ±HH:MM / ±HHMM.
bool read_zone(Cursor& cursor) {
    if (cursor.done()) return true;
    if (cursor.accept('Z')) return cursor.done();
    if (!cursor.accept_any("+-") || !read_two_digits_below(cursor, 24)) return false;
    cursor.accept(':');
    return read_two_digits_below(cursor, 60) && cursor.done();
}

bool is_timestamp(std::string_view value) {
    Cursor cursor(value);
    return read_date(cursor) && cursor.accept_any("T ") && read_time(cursor) && read_zone(cursor);
}

bool is_date(std::string_view value) {
    Cursor cursor(value);
    return read_date(cursor) && cursor.done();
}

}  // namespace

ValueShape classify_value(std::string_view value) {
    if (auto number = read_number(value)) return number_shape(value, *number);
    if (is_boolean(value)) return ValueShape::boolean;
    if (is_date(value)) return ValueShape::date;
    if (is_timestamp(value)) return ValueShape::timestamp;
    return ValueShape::text;
}

std::string_view describe_shape(ValueShape shape) {
    switch (shape) {
        case ValueShape::whole_number:
            return "a whole number";
        case ValueShape::big_whole_number:
            return "a whole number too large for a bigint";
        case ValueShape::decimal:
            return "a decimal";
        case ValueShape::leading_zero_number:
            return "a number with a leading zero, kept as text so codes keep their zeros";
        case ValueShape::boolean:
            return "true or false";
        case ValueShape::date:
            return "a date";
        case ValueShape::timestamp:
            return "a date and time";
        case ValueShape::text:
            return "text";
    }
    return "text";  // not reached
}

}  // namespace dss::uploader
