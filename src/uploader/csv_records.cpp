#include "uploader/csv_records.hpp"

#include <fmt/core.h>

#include <string_view>

#include "uploader/csv_check_error.hpp"

namespace dss::uploader {
namespace {

constexpr std::size_t kReadPieceSize = std::size_t{1} << 16;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string describe_limit(std::size_t bytes) {
    constexpr std::size_t mebibyte = std::size_t{1} << 20;
    if (bytes % mebibyte == 0) return fmt::format("{} MiB", bytes / mebibyte);
    return fmt::format("{} bytes", bytes);
}

}  // namespace

CsvRecords::CsvRecords(storage::InputStream& input, const std::string& encoding, CsvDialect dialect,
                       std::size_t record_limit)
    : input_(input),
      decoder_(encoding),
      dialect_(dialect),
      unquoted_stops_{dialect.delimiter, '\r', '\n'},
      record_limit_(record_limit),
      piece_(kReadPieceSize) {}

std::optional<CsvRecord> CsvRecords::next() {
    while (true) {
        if (auto record = parse_available()) return record;
        if (!refill()) return finish();
    }
}

// Runs the state machine over the decoded text until a record ends or the text does.
std::optional<CsvRecord> CsvRecords::parse_available() {
    while (position_ < text_.size()) {
        switch (step()) {
            case Step::go_on:
                continue;
            case Step::record_ended:
                return end_record();
            case Step::text_ran_out:
                return std::nullopt;
        }
    }
    return std::nullopt;
}

CsvRecords::Step CsvRecords::step() {
    char c = text_[position_];
    if (skip_lf_) {
        skip_lf_ = false;
        if (c == '\n') {
            ++position_;
            return Step::go_on;
        }
    }
    switch (state_) {
        case State::record_start:
            if (c == '\n' || c == '\r') {
                ++position_;
                skip_lf_ = c == '\r';
                ++number_;  // a blank line: no record, but counted
            } else {
                state_ = State::field_start;
            }
            return Step::go_on;
        case State::field_start:
            if (c == dialect_.quote) take(1);
            state_ = c == dialect_.quote ? State::quoted : State::unquoted;
            return Step::go_on;
        case State::unquoted:
            return parse_unquoted();
        case State::quoted:
            return parse_quoted();
        case State::quote_in_quoted:
            return after_quote(c);
    }
    return Step::go_on;  // not reached
}

// Takes field text up to the next delimiter or line end, and that stop too.
CsvRecords::Step CsvRecords::parse_unquoted() {
    auto stop = text_.find_first_of(unquoted_stops_, position_);
    auto end = stop == std::string::npos ? text_.size() : stop;
    auto start = position_;
    take(end - start);
    field_.append(text_, start, end - start);
    if (stop == std::string::npos) return Step::text_ran_out;
    char c = text_[stop];
    take(1);
    if (c == dialect_.delimiter) {
        end_field();
        state_ = State::field_start;
        return Step::go_on;
    }
    skip_lf_ = c == '\r';
    return Step::record_ended;
}

// Takes quoted text up to the next quote, and the quote.
CsvRecords::Step CsvRecords::parse_quoted() {
    auto stop = text_.find(dialect_.quote, position_);
    auto end = stop == std::string::npos ? text_.size() : stop;
    auto start = position_;
    take(end - start);
    field_.append(text_, start, end - start);
    if (stop == std::string::npos) return Step::text_ran_out;
    take(1);
    state_ = State::quote_in_quoted;
    return Step::go_on;
}

// `c` follows a quote inside quotes: a second quote is a quote in the text; anything else
// means the first one closed the field.
CsvRecords::Step CsvRecords::after_quote(char c) {
    if (c == dialect_.quote) {
        take(1);
        field_ += c;
        state_ = State::quoted;
        return Step::go_on;
    }
    if (c == dialect_.delimiter) {
        take(1);
        end_field();
        state_ = State::field_start;
        return Step::go_on;
    }
    if (c == '\n' || c == '\r') {
        take(1);
        skip_lf_ = c == '\r';
        return Step::record_ended;
    }
    state_ = State::unquoted;  // `"ab"c` is `abc`, as in Python's csv
    return Step::go_on;
}

std::optional<CsvRecord> CsvRecords::finish() {
    switch (state_) {
        case State::record_start:
            return std::nullopt;
        case State::quoted:
            throw CsvCheckError(fmt::format("row {} has a quote ({}) that is never closed", number_,
                                            dialect_.quote));
        default:
            return end_record();  // the last line had no line end
    }
}

// Decodes the next piece of the file into text_; false at the end of the file.
bool CsvRecords::refill() {
    if (invalid_) throw_invalid(*invalid_);
    if (at_end_) return false;
    text_.clear();
    position_ = 0;
    while (text_.empty()) {
        // The first piece holds at least the three bytes of a byte-order mark, whatever sizes
        // the stream's reads return.
        auto count = read_piece(started_ ? 1 : kUtf8Bom.size());
        if (count == 0) {
            at_end_ = true;
            if (auto cut = decoder_.finish()) throw_invalid(*cut);
            return false;
        }
        invalid_ = decoder_.append(text_, std::string_view(piece_.data(), count));
        if (!started_) {
            started_ = true;
            if (text_.starts_with(kUtf8Bom)) text_.erase(0, kUtf8Bom.size());
        }
        if (invalid_ && text_.empty()) throw_invalid(*invalid_);
    }
    return true;
}

std::size_t CsvRecords::read_piece(std::size_t at_least) {
    std::size_t filled = 0;
    while (filled < at_least) {
        auto count = input_.read(piece_.data() + filled, piece_.size() - filled);
        if (count == 0) break;
        filled += count;
    }
    bytes_read_ += filled;
    return filled;
}

// Moves past `count` characters of the current record, refusing a record past the limit.
void CsvRecords::take(std::size_t count) {
    position_ += count;
    record_bytes_ += count;
    if (record_bytes_ > record_limit_) {
        throw CsvCheckError(fmt::format("row {} is longer than {} (is a quote left open?)", number_,
                                        describe_limit(record_limit_)));
    }
}

void CsvRecords::end_field() {
    fields_.push_back(std::move(field_));
    field_.clear();
}

CsvRecord CsvRecords::end_record() {
    end_field();
    CsvRecord record{std::move(fields_), number_};
    fields_.clear();
    fields_.reserve(record.fields.size());  // the next record is likely as wide
    ++number_;
    record_bytes_ = 0;
    state_ = State::record_start;
    return record;
}

void CsvRecords::throw_invalid(const InvalidByte& bad) const {
    throw CsvCheckError::could_not_be_opened(fmt::format(
        "byte 0x{:02X} at byte offset {} (row {}) {}", bad.byte, bad.offset, number_, bad.why));
}

}  // namespace dss::uploader
