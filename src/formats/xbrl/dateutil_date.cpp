// python-dateutil 2.8.2's default parser (dateutil/parser/_parser.py), followed step by step so
// that Companies House dates come out as the reference's did, quirks included.
#include "formats/xbrl/dateutil_date.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/ascii_text.hpp"
#include "formats/xbrl/python_values.hpp"

namespace dss::formats::xbrl {
namespace {

using Int = std::int64_t;

// Whatever dateutil raises inside parse() (ValueError, IndexError, OverflowError) becomes this;
// parse_dateutil_date turns it into std::invalid_argument quoting the text.
struct Rejected {
    const char* reason = "";
    bool outside_subset = false;
};

[[noreturn]] void reject(const char* reason) { throw Rejected{reason}; }

// parserinfo's word lists, in lower case as dateutil compares them.
constexpr std::array<std::string_view, 18> kJumpWords = {" ", ".",  ",",  ";",   "-",  "/",
                                                         "'", "at", "on", "and", "ad", "m",
                                                         "t", "of", "st", "nd",  "rd", "th"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 9> kHmsUnits = {
    "h", "hour", "hours", "m", "minute", "minutes", "s", "second", "seconds"};
constexpr std::array<std::string_view, 4> kAmPm = {"am", "a", "pm", "p"};
constexpr std::array<std::string_view, 3> kUtcZones = {"utc", "gmt", "z"};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = core::is_ascii_alpha(c) ? static_cast<char>(c | 0x20) : c;
    return out;
}

template <std::size_t N>
std::optional<int> index_in(const std::array<std::string_view, N>& table, std::string_view token) {
    auto found = std::find(table.begin(), table.end(), lower(token));
    if (found == table.end()) return std::nullopt;
    return static_cast<int>(found - table.begin());
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& table, std::string_view token) {
    return index_in(table, token).has_value();
}

// Weekday 0 = Monday, or month 1 = January: full names, their first three letters, and "Sept".
template <std::size_t N>
std::optional<int> calendar_name(const std::array<std::string_view, N>& names,
                                 std::string_view token) {
    auto key = lower(token);
    if (N == 12 && key == "sept") return 9;
    for (std::size_t i = 0; i < N; ++i)
        if (key == names[i] || key == names[i].substr(0, 3)) return static_cast<int>(i + (N == 12));
    return std::nullopt;
}

std::optional<int> weekday_of(std::string_view token) { return calendar_name(kWeekdays, token); }
std::optional<int> month_of(std::string_view token) { return calendar_name(kMonths, token); }
// 0 hour, 1 minute, 2 second.
std::optional<int> hms_unit_of(std::string_view token) {
    auto at = index_in(kHmsUnits, token);
    return at ? std::optional(*at / 3) : std::nullopt;
}
// 0 am, 1 pm.
std::optional<int> half_day_of(std::string_view token) {
    auto at = index_in(kAmPm, token);
    return at ? std::optional(*at / 2) : std::nullopt;
}

bool is_jump(std::string_view token) { return contains(kJumpWords, token); }

// The text with every whitespace character as ' ' and NULs dropped (the tokenizer skips them).
std::string lexable_ascii(std::string_view text) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        char c = text[pos];
        if (auto width = python_space_length(text.substr(pos))) {
            // Python's isspace() is wider than ASCII, and inline XBRL is full of U+00A0.
            out += ' ';
            pos += width;
        } else if (static_cast<unsigned char>(c) < 0x80) {
            if (c != '\0') out += c;
            ++pos;
        } else {
            throw Rejected{"non-ASCII character", true};
        }
    }
    return out;
}

// Tokens (_timelex): runs of letters or digits; dots stay inside a run until the whole run
// is seen, because they may be decimal points ("4:30:21.447") or separators ("Sep.20.2009").

enum class LexState { start, word, number, word_dot, number_dot };

struct RawToken {
    std::string text;
    LexState state = LexState::start;
    bool seen_letters = false;
};

// The state after `c` joins the token; `start` when `c` begins the next token instead.
LexState state_after(const RawToken& token, char c) {
    bool after_dot = token.text.back() == '.';
    switch (token.state) {
        case LexState::word:
            return core::is_ascii_alpha(c) ? LexState::word
                   : c == '.'              ? LexState::word_dot
                                           : LexState::start;
        case LexState::number:
            if (core::is_ascii_digit(c)) return LexState::number;
            return c == '.' || (c == ',' && token.text.size() >= 2) ? LexState::number_dot
                                                                    : LexState::start;
        case LexState::word_dot:
            if (c == '.' || core::is_ascii_alpha(c)) return LexState::word_dot;
            return core::is_ascii_digit(c) && after_dot ? LexState::number_dot : LexState::start;
        default:
            if (c == '.' || core::is_ascii_digit(c)) return LexState::number_dot;
            return core::is_ascii_alpha(c) && after_dot ? LexState::word_dot : LexState::start;
    }
}

RawToken read_raw_token(std::string_view s, std::size_t& pos) {
    RawToken token{std::string(1, s[pos]), LexState::start, false};
    char first = s[pos++];
    if (!core::is_ascii_alpha(first) && !core::is_ascii_digit(first)) return token;
    token.state = core::is_ascii_alpha(first) ? LexState::word : LexState::number;
    for (; pos < s.size(); ++pos) {
        // dateutil notes letters on every character looked at in a word state, even the one
        // that ends the token, but not at the end of the text.
        token.seen_letters |= token.state == LexState::word || token.state == LexState::word_dot;
        auto next = state_after(token, s[pos]);
        if (next == LexState::start) break;
        token.text += s[pos];
        token.state = next;
    }
    return token;
}

void append_split_at_dots_and_commas(std::string_view text, std::vector<std::string>& out) {
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '.' && text[i] != ',') continue;
        if (i > begin) out.emplace_back(text.substr(begin, i - begin));
        if (i < text.size()) out.emplace_back(1, text[i]);
        begin = i + 1;
    }
}

void append_token(RawToken token, std::vector<std::string>& out) {
    bool dotted = token.state == LexState::word_dot || token.state == LexState::number_dot;
    auto dots = std::count(token.text.begin(), token.text.end(), '.');
    char last = token.text.back();
    if (dotted && (token.seen_letters || dots > 1 || last == '.' || last == ',')) {
        append_split_at_dots_and_commas(token.text, out);
        return;
    }
    if (token.state == LexState::number_dot && dots == 0)  // "10,5" is a decimal comma
        std::replace(token.text.begin(), token.text.end(), ',', '.');
    out.push_back(std::move(token.text));
}

std::vector<std::string> split_tokens(std::string_view text) {
    std::vector<std::string> tokens;
    for (std::size_t pos = 0; pos < text.size();) append_token(read_raw_token(text, pos), tokens);
    return tokens;
}

// Numbers. dateutil keeps them as Decimal; a date only ever needs the whole part and
// whether there is a fraction (Decimal("100.5") > 100 makes it a year).

// Past any field datetime accepts, so saturating keeps every comparison dateutil makes.
constexpr Int kHuge = 1'000'000'000'000;

struct Number {
    Int whole;
    bool has_fraction;
};

Int digits_value(std::string_view digits) {
    Int value = 0;
    for (char c : digits) value = std::min(kHuge, value * 10 + (c - '0'));
    return value;
}

// float(token) for the tokens the tokenizer makes: digits, or digits '.' digits.
std::optional<Number> as_number(std::string_view token) {
    auto dot = token.find('.');
    if (!core::all_ascii_digits(token.substr(0, dot))) return std::nullopt;
    if (dot == std::string_view::npos) return Number{digits_value(token), false};
    auto fraction = token.substr(dot + 1);
    if (!core::all_ascii_digits(fraction)) return std::nullopt;
    return Number{digits_value(token.substr(0, dot)),
                  fraction.find_first_not_of('0') != fraction.npos};
}

// float() reads these, then dateutil's Decimal check refuses them.
bool names_non_finite_float(std::string_view token) {
    auto key = lower(token);
    return key == "nan" || key == "inf" || key == "infinity";
}

bool exceeds(Number n, Int limit) {
    return n.whole > limit || (n.whole == limit && n.has_fraction);
}

Int python_int(std::string_view text) {
    if (!core::all_ascii_digits(text)) reject("int() of a token that is not a number");
    return digits_value(text);
}

// _parsems: "SS" or "SS.ffffff"; only the whole seconds matter for a date.
Int python_seconds(std::string_view text) {
    auto dot = text.find('.');
    if (dot == text.npos) return python_int(text);
    auto fraction = text.substr(dot + 1);
    if (fraction.find('.') != fraction.npos) reject("seconds with two decimal points");
    std::string micro(fraction.substr(0, 6));
    micro.resize(6, '0');
    python_int(micro);
    return python_int(text.substr(0, dot));
}

Int days_in_month(Int year, Int month) {
    constexpr std::array<Int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// parserinfo.convertyear: a two-digit year lands within [-50, +49] years of the current year.
Int convert_year(Int year, bool century_specified, Int current_year) {
    if (year >= 100 || century_specified) return year;
    year += current_year / 100 * 100;
    if (year >= current_year + 50) return year - 100;
    return year < current_year - 50 ? year + 100 : year;
}

Int with_ampm(Int hour, int half) {
    if (hour < 12 && half == 1) return hour + 12;
    return hour == 12 && half == 0 ? 0 : hour;
}

// _ymd: the date numbers in order, with the positions a word or a long number fixed.

struct YearMonthDay {
    std::optional<Int> year, month, day;
};

class DateNumbers {
   public:
    enum class Label { none, year, month };

    // A token's text: more than two digits make it the year.
    void append_text(std::string_view text, Label label = Label::none) {
        if (core::all_ascii_digits(text) && text.size() > 2) {
            century_specified_ = true;
            label = Label::year;
        }
        push(python_int(text), label);
    }
    void append_number(Number number) {
        bool year = exceeds(number, 100);
        century_specified_ = century_specified_ || year;
        push(number.whole, year ? Label::year : Label::none);
    }
    void append_month(int month) { push(month, Label::month); }

    std::size_t size() const { return values_.size(); }
    bool century_specified() const { return century_specified_; }

    bool could_be_day(Number n) const {
        if (n.whole < 1) return false;
        if (!month_at_) return !exceeds(n, 31);
        Int year = year_at_ ? values_[*year_at_] : 2000;  // leap year unless told otherwise
        return !exceeds(n, days_in_month(year, values_[*month_at_]));
    }

    YearMonthDay resolve() const {
        std::size_t labels = (year_at_ ? 1U : 0U) + (month_at_ ? 1U : 0U);
        if ((size() == labels && labels > 0) || (size() == 3 && labels == 2)) return from_labels();
        if (size() > 3) reject("more than three year/month/day numbers");
        if (size() == 1 || (month_at_ && size() == 2)) return one_number_beside_month();
        if (size() == 2) return in_order(values_[0] > 31 ? "ym" : values_[1] > 31 ? "my" : "md");
        if (size() == 3) return three_numbers();
        return {};
    }

   private:
    void push(Int value, Label label) {
        values_.push_back(value);
        auto& slot = label == Label::year ? year_at_ : month_at_;
        if (label == Label::none) return;
        if (slot) reject(label == Label::year ? "year is already set" : "month is already set");
        slot = values_.size() - 1;
    }

    YearMonthDay from_labels() const {
        YearMonthDay out;
        if (year_at_) out.year = values_[*year_at_];
        if (month_at_) out.month = values_[*month_at_];
        for (std::size_t i = 0; i < size() && size() == 3; ++i)
            if (i != year_at_ && i != month_at_) out.day = values_[i];
        return out;
    }

    YearMonthDay one_number_beside_month() const {
        YearMonthDay out;
        Int other = values_[0];
        if (month_at_) {
            out.month = values_[*month_at_];
            other = values_[1 - *month_at_];
        }
        (other > 31 ? out.year : out.day) = other;
        return out;
    }

    // dayfirst=False, yearfirst=False: month first unless a number cannot be a month.
    YearMonthDay three_numbers() const {
        const auto& v = values_;
        if (month_at_ == 0u) return in_order(v[1] > 31 ? "myd" : "mdy");
        if (month_at_ == 1u) return in_order(v[0] > 31 ? "ymd" : "dmy");
        if (month_at_ == 2u) return in_order(v[1] > 31 ? "dym" : "ydm");
        if (v[0] > 31 || year_at_ == 0u) return in_order("ymd");
        return in_order(v[0] > 12 ? "dmy" : "mdy");
    }

    YearMonthDay in_order(std::string_view order) const {
        YearMonthDay out;
        for (std::size_t i = 0; i < order.size(); ++i)
            (order[i] == 'y' ? out.year : order[i] == 'm' ? out.month : out.day) = values_[i];
        return out;
    }

    std::vector<Int> values_;
    std::optional<std::size_t> year_at_, month_at_;
    bool century_specified_ = false;
};

// The token walk (parser._parse).

struct ParsedText {
    YearMonthDay date;
    bool century_specified = false;
    std::optional<int> weekday;
    std::optional<Int> hour, minute, second;
};

class TokenWalk {
   public:
    TokenWalk(std::vector<std::string> tokens, Int current_year)
        : tokens_(std::move(tokens)), current_year_(current_year) {}

    ParsedText run() {
        for (std::size_t i = 0; i < tokens_.size(); ++i) i = token_at(i);
        out_.date = numbers_.resolve();
        out_.century_specified = numbers_.century_specified();
        return out_;
    }

   private:
    bool has(std::size_t i) const { return i < tokens_.size(); }
    const std::string& at(std::size_t i) const {  // Python's IndexError
        if (!has(i)) reject("the text ends too soon");
        return tokens_[i];
    }
    bool is_at(std::size_t i, std::string_view token) const {
        return has(i) && tokens_[i] == token;
    }

    std::size_t token_at(std::size_t i) {
        const std::string& token = tokens_[i];
        if (names_non_finite_float(token)) reject("nan or inf where a number was expected");
        if (as_number(token)) return number_token(i);
        if (auto day = weekday_of(token)) {
            out_.weekday = *day;
        } else if (auto month = month_of(token)) {
            return month_word(i, *month);
        } else if (auto half = half_day_of(token)) {
            if (!out_.hour) reject("am/pm without an hour");
            if (*out_.hour > 12) reject("am/pm after an hour past 12");
            out_.hour = with_ampm(*out_.hour, *half);
        } else if (could_be_zone_name(token, zone_offset_)) {
            return zone_name(i);
        } else if (out_.hour && (token == "+" || token == "-")) {
            return zone_offset(i);
        } else if (!is_jump(token)) {
            reject("unknown word");
        }
        return i;
    }

    std::size_t month_word(std::size_t i, int month) {
        numbers_.append_month(month);
        if (is_at(i + 1, "-") || is_at(i + 1, "/")) {  // Jan-01[-99]
            numbers_.append_text(at(i + 2));
            if (is_at(i + 3, tokens_[i + 1])) {
                numbers_.append_text(at(i + 4));
                i += 2;
            }
            return i + 2;
        }
        if (has(i + 4) && is_at(i + 1, " ") && is_at(i + 3, " ") && lower(tokens_[i + 2]) == "of") {
            if (core::all_ascii_digits(tokens_[i + 4]))  // "Jan of 01": clearly the year
                numbers_.append_text(
                    std::to_string(convert_year(python_int(tokens_[i + 4]), false, current_year_)),
                    DateNumbers::Label::year);
            return i + 4;
        }
        return i;
    }

    std::size_t number_token(std::size_t idx) {
        const std::string s = tokens_[idx];
        const Number value = *as_number(s);
        if (numbers_.size() == 3 && (s.size() == 2 || s.size() == 4) && !out_.hour &&
            (!has(idx + 1) || (tokens_[idx + 1] != ":" && !hms_unit_of(tokens_[idx + 1])))) {
            out_.hour = python_int(s.substr(0, 2));  // 19990101T23[59]
            if (s.size() == 4) out_.minute = python_int(s.substr(2));
        } else if (s.size() == 6 || (s.size() > 6 && s.find('.') == 6)) {
            six_digits(s);
        } else if (s.size() == 8 || s.size() == 12 || s.size() == 14) {
            yyyymmdd(s);
        } else if (auto unit_at = hms_unit_index(idx)) {
            idx = number_with_unit(idx, *unit_at, value, s);
        } else if (has(idx + 2) && tokens_[idx + 1] == ":") {
            idx = clock_time(idx, value);
        } else if (is_at(idx + 1, "-") || is_at(idx + 1, "/") || is_at(idx + 1, ".")) {
            idx = separated_date(idx);
        } else if (!has(idx + 1) || is_jump(tokens_[idx + 1])) {
            auto half = has(idx + 2) ? half_day_of(tokens_[idx + 2]) : std::nullopt;
            if (half) {  // "12 am"
                out_.hour = with_ampm(value.whole, *half);
                ++idx;
            } else {
                numbers_.append_number(value);
            }
            ++idx;
        } else if (auto half = half_day_of(tokens_[idx + 1]); half && value.whole < 24) {
            out_.hour = with_ampm(value.whole, *half);  // "12am"
            ++idx;
        } else if (numbers_.could_be_day(value)) {
            numbers_.append_number(value);
        } else {
            reject("number in a place dateutil does not expect");
        }
        return idx;
    }

    void six_digits(const std::string& s) {
        if (numbers_.size() == 0 && s.find('.') == s.npos) {  // YYMMDD
            for (std::size_t start : {std::size_t{0}, std::size_t{2}, std::size_t{4}})
                numbers_.append_text(s.substr(start, 2));
            return;
        }
        out_.hour = python_int(s.substr(0, 2));  // HHMMSS[.ss]
        out_.minute = python_int(s.substr(2, 2));
        out_.second = python_seconds(s.substr(4));
    }

    void yyyymmdd(const std::string& s) {
        numbers_.append_text(s.substr(0, 4), DateNumbers::Label::year);
        numbers_.append_text(s.substr(4, 2));
        numbers_.append_text(s.substr(6, 2));
        if (s.size() == 8) return;
        out_.hour = python_int(s.substr(8, 2));
        out_.minute = python_int(s.substr(10, 2));
        if (s.size() == 14) out_.second = python_int(s.substr(12));
    }

    std::optional<std::size_t> hms_unit_index(std::size_t idx) const {
        auto unit = [&](std::size_t i) { return hms_unit_of(tokens_[i]).has_value(); };
        if (has(idx + 1) && unit(idx + 1)) return idx + 1;
        if (has(idx + 2) && tokens_[idx + 1] == " " && unit(idx + 2)) return idx + 2;
        if (idx > 0 && unit(idx - 1)) return idx - 1;
        if (idx > 1 && idx + 1 == tokens_.size() && tokens_[idx - 1] == " " && unit(idx - 2))
            return idx - 2;
        return std::nullopt;
    }

    // "12h", "30 m", "5s"; a unit before the number means the next smaller unit.
    std::size_t number_with_unit(std::size_t idx, std::size_t unit_at, Number value,
                                 const std::string& s) {
        int unit = *hms_unit_of(tokens_[unit_at]) + (unit_at < idx ? 1 : 0);
        if (unit == 0) {
            out_.hour = value.whole;
            if (value.has_fraction) out_.minute = 0;  // 60 * fraction is always a valid minute
        } else if (unit == 1) {
            out_.minute = value.whole;
            out_.second = value.has_fraction ? std::optional<Int>(0) : std::nullopt;
        } else if (unit == 2) {
            out_.second = python_seconds(s);
        }
        return std::max(idx, unit_at);
    }

    std::size_t clock_time(std::size_t idx, Number hour) {  // HH:MM[:SS[.ss]]
        out_.hour = hour.whole;
        auto minute = as_number(tokens_[idx + 2]);
        if (!minute) reject("minutes that are not a number");
        out_.minute = minute->whole;
        out_.second = minute->has_fraction ? std::optional<Int>(0) : std::nullopt;
        if (has(idx + 4) && tokens_[idx + 3] == ":") {
            out_.second = python_seconds(tokens_[idx + 4]);
            idx += 2;
        }
        return idx + 2;
    }

    std::size_t separated_date(std::size_t idx) {  // 01-01[-01], 01-Jan[-01]
        const std::string& separator = tokens_[idx + 1];
        numbers_.append_text(tokens_[idx]);
        if (!has(idx + 2) || is_jump(tokens_[idx + 2])) return idx + 1;
        const std::string& second = tokens_[idx + 2];
        if (core::all_ascii_digits(second)) {
            numbers_.append_text(second);
        } else if (auto month = month_of(second)) {
            numbers_.append_month(*month);
        } else {
            reject("neither a number nor a month after a date separator");
        }
        if (!is_at(idx + 3, separator)) return idx + 2;
        const std::string& third = at(idx + 4);
        if (auto month = month_of(third)) {
            numbers_.append_month(*month);
        } else {
            numbers_.append_text(third);
        }
        return idx + 4;
    }

    bool could_be_zone_name(std::string_view token, bool offset_known) const {
        bool upper =
            std::all_of(token.begin(), token.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        bool utc = token == "UTC" || token == "GMT" || token == "Z" || token == "z";
        return out_.hour && !zone_name_ && !offset_known && token.size() <= 5 && (upper || utc);
    }

    // Only the name's presence matters: it stops a later upper-case word being taken for one.
    std::size_t zone_name(std::size_t i) {
        // "GMT+3" is not GMT, so dateutil forgets a UTC name that an offset follows.
        bool offset_follows = is_at(i + 1, "+") || is_at(i + 1, "-");
        zone_name_ = !(offset_follows && contains(kUtcZones, tokens_[i]));
        return i;
    }

    std::size_t zone_offset(std::size_t i) {  // +HHMM, +HH:MM, +H; the sign is irrelevant here
        const std::string& digits = at(i + 1);
        if (digits.size() == 4) {
            python_int(digits.substr(0, 2));
            python_int(digits.substr(2));
        } else if (is_at(i + 2, ":")) {
            python_int(digits);
            python_int(at(i + 3));
            i += 2;
        } else if (digits.size() <= 2) {
            python_int(digits);
        } else {
            reject("unreadable time zone offset");
        }
        zone_offset_ = true;
        if (has(i + 5) && is_jump(tokens_[i + 2]) && tokens_[i + 3] == "(" &&
            tokens_[i + 5] == ")" && tokens_[i + 4].size() >= 3 &&
            could_be_zone_name(tokens_[i + 4], false)) {
            zone_name_ = true;  // "-0300 (BRST)"
            i += 4;
        }
        return i + 1;
    }

    std::vector<std::string> tokens_;
    Int current_year_;
    DateNumbers numbers_;
    ParsedText out_;
    bool zone_name_ = false;
    bool zone_offset_ = false;
};

ParsedText walk_tokens(std::string_view text, Int current_year) {
    return TokenWalk(split_tokens(lexable_ascii(text)), current_year).run();
}

// parser._build_naive, then strftime('%Y-%m-%d').

int python_weekday(std::chrono::sys_days day) {
    return static_cast<int>(std::chrono::weekday(day).iso_encoding()) - 1;
}

void check_time(const ParsedText& parsed) {
    if (parsed.hour && *parsed.hour > 23) reject("hour must be in 0..23");
    if (parsed.minute && *parsed.minute > 59) reject("minute must be in 0..59");
    if (parsed.second && *parsed.second > 59) reject("second must be in 0..59");
}

std::chrono::year_month_day build_date(const ParsedText& parsed,
                                       std::chrono::year_month_day today) {
    const auto& date = parsed.date;
    if (!date.year && !date.month && !date.day && !parsed.weekday && !parsed.hour &&
        !parsed.minute && !parsed.second)
        reject("the text does not contain a date");
    Int current_year = static_cast<int>(today.year());
    Int year =
        date.year ? convert_year(*date.year, parsed.century_specified, current_year) : current_year;
    Int month = date.month.value_or(static_cast<unsigned>(today.month()));
    if (month < 1 || month > 12) reject("month must be in 1..12");
    Int last_day = days_in_month(year, month);
    Int day = date.day.value_or(std::min<Int>(static_cast<unsigned>(today.day()), last_day));
    if (year < 1 || year > 9999) reject("year is out of range");
    if (day < 1 || day > last_day) reject("day is out of range for month");
    check_time(parsed);
    std::chrono::sys_days result = std::chrono::year_month_day{
        std::chrono::year(static_cast<int>(year)), std::chrono::month(static_cast<unsigned>(month)),
        std::chrono::day(static_cast<unsigned>(day))};
    if (parsed.weekday && !date.day)  // relativedelta(weekday=...): that weekday, on or after
        result += std::chrono::days((*parsed.weekday - python_weekday(result) + 7) % 7);
    std::chrono::year_month_day out(result);
    if (out.year() > std::chrono::year(9999)) reject("date value out of range");
    return out;
}

std::string format_iso_date(std::chrono::year_month_day date) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer.data();
}

}  // namespace

std::string parse_dateutil_date(std::string_view text, std::chrono::year_month_day today) {
    try {
        return format_iso_date(
            build_date(walk_tokens(text, static_cast<int>(today.year())), today));
    } catch (const Rejected& rejected) {
        std::string quoted = "\"" + std::string(text) + "\"";
        if (rejected.outside_subset)
            throw std::invalid_argument("date " + quoted +
                                        " is outside the dateutil subset read here (" +
                                        rejected.reason + ")");
        throw std::invalid_argument("dateutil cannot parse date " + quoted + ": " +
                                    rejected.reason);
    }
}

}  // namespace dss::formats::xbrl
