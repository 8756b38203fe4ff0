// Request bodies too large to hold (CSV uploads of gigabytes) are not read into the request:
// a route with a BodyOpener gets its body piece by piece as it arrives, with back-pressure (the
// next piece is read only once the last one was consumed).
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "http/request_context.hpp"

namespace dss::http {

class BodyReader {
   public:
    BodyReader() = default;
    BodyReader(const BodyReader&) = delete;
    BodyReader& operator=(const BodyReader&) = delete;
    // Destroyed before finish() (the client left, the server stopped): undo what it began.
    virtual ~BodyReader() = default;

    // The next piece of the body; throwing (HttpError for the client's mistakes) ends the
    // request with that answer and reads no more of the body.
    virtual void consume(std::string_view piece) = 0;
    // The whole body arrived: the response.
    virtual Response finish() = 0;
};

// Called with the request's header (its body still unread) on a worker: a reader for the body,
// or an exception (HttpError: a refusal sent back at once).
using BodyOpener = std::function<std::unique_ptr<BodyReader>(const RequestContext&)>;

}  // namespace dss::http
