// multipart/form-data (RFC 7578) read as a stream: bytes in, parts out, with only a boundary's
// length of the body held back between pieces. Part headers are bounded.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dss::http {

class MultipartError : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

struct PartHeader {
    std::string name;                     // the form field
    std::optional<std::string> filename;  // present for file inputs (may be empty)
    std::string content_type;
};

class MultipartParser {
   public:
    struct Events {
        std::function<void(const PartHeader&)> begin;
        std::function<void(std::string_view)> data;
        std::function<void()> end;
    };

    // The boundary from a Content-Type header, nullopt when it is not multipart/form-data.
    static std::optional<std::string> boundary_of(std::string_view content_type);

    MultipartParser(std::string_view boundary, Events events);

    // Throws MultipartError for a malformed body.
    void feed(std::string_view bytes);
    // The closing boundary was seen.
    bool done() const { return state_ == State::epilogue; }

   private:
    enum class State { preamble, after_boundary, headers, body, epilogue };

    bool step();
    bool in_preamble();
    bool after_boundary();
    bool in_headers();
    bool in_body();

    std::string delimiter_;  // "\r\n--" + boundary
    Events events_;
    State state_ = State::preamble;
    std::string pending_;
    std::size_t offset_ = 0;  // what of pending_ was used
};

}  // namespace dss::http
