// The part of a session that streams a large request body to its route's BodyReader. Two
// pieces take turns: while a worker consumes one (writing it to storage), the network thread
// reads the next into the other, so the disk and the network are busy at the same time. Every
// step below runs on the session's strand except consume(), which runs on a worker; the reader
// is only ever touched by one worker at a time, and destroyed only when no consume runs.
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "core/logging.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "http/session.hpp"

namespace dss::http {

namespace beast = boost::beast;
namespace asio = boost::asio;

namespace {

// Big enough that the hop to a worker and back costs little, small enough that a session
// holds little.
constexpr std::size_t kPieceBytes = std::size_t{256} * 1024;

}  // namespace

void Session::open_stream() {
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    const auto& header = parser_->get();
    keep_alive_ = header.keep_alive();
    version_ = header.version();
    head_ = false;
    if (!state_->try_enqueue()) return reject(Status::service_unavailable, "server busy");
    Request header_only = header;
    asio::post(state_->workers, [self = shared_from_this(), header = std::move(header_only),
                                 work = asio::make_work_guard(stream_.get_executor())]() {
        auto start = std::make_shared<StreamStart>();
        try {
            *start = self->state_->open_stream(header, self->remote_);
        } catch (const std::exception& error) {
            DSS_LOG_ERROR("http", "{} {}: {}", self->method_, self->target_, error.what());
            start->refusal = empty_response(Status::internal_server_error);
        }
        asio::post(self->stream_.get_executor(),
                   [self, start] { self->on_stream_opened(std::move(*start)); });
    });
}

void Session::on_stream_opened(StreamStart start) {
    if (!start.reader) return finish_stream(std::move(start.refusal), false);
    body_reader_ = std::move(start.reader);
    // From here the body is read straight into the pieces, by its length: no parser copies it
    // on the way. What came with the header is in buffer_.
    body_remaining_ = parser_->content_length().value_or(0);
    bool wants_continue = beast::iequals(parser_->get()[beast_http::field::expect], "100-continue");
    parser_.reset();
    for (auto& piece : pieces_) {
        piece.bytes.resize(kPieceBytes);
        piece.state = Piece::State::free;
    }
    body_read_ = false;
    consuming_ = false;
    reading_ = false;
    refusal_.reset();
    broken_.reset();
    // curl and others wait for this before sending a large body.
    if (wants_continue) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        stream_.expires_after(state_->settings.read_timeout);
        reading_ = true;  // nothing else may start until the interim answer is out
        return asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                                 [self = shared_from_this()](beast::error_code error, std::size_t) {
                                     self->reading_ = false;
                                     if (error) return self->on_body_broken(error);
                                     self->advance();
                                 });
    }
    advance();
}

// Starts whatever can start: consuming a piece that is ready, reading into a free one.
void Session::advance() {
    if (!consuming_) {
        for (std::size_t i = 0; i < pieces_.size(); ++i) {
            // Pieces are filled in turn; the older ready one goes first.
            auto index = (next_to_consume_ + i) % pieces_.size();
            if (pieces_[index].state == Piece::State::ready) {
                next_to_consume_ = (index + 1) % pieces_.size();
                return start_consume(index);
            }
        }
    }
    if (reading_ || body_read_) return;
    for (std::size_t index = 0; index < pieces_.size(); ++index) {
        if (pieces_[index].state == Piece::State::free) return read_piece(index);
    }
}

void Session::read_piece(std::size_t index) {
    reading_ = true;
    auto& piece = pieces_[index];
    piece.state = Piece::State::filling;
    auto wanted =
        static_cast<std::size_t>(std::min<std::uint64_t>(piece.bytes.size(), body_remaining_));
    // First what arrived with the header (or the last read), then the socket.
    auto buffered = asio::buffer_copy(asio::buffer(piece.bytes.data(), wanted), buffer_.data());
    buffer_.consume(buffered);
    piece.size = wanted;
    auto on_read = [self = shared_from_this(), index](beast::error_code error, std::size_t) {
        self->on_piece(index, error);
    };
    if (buffered == wanted) {
        return asio::post(stream_.get_executor(), [on_read] { on_read({}, 0); });
    }
    stream_.expires_after(state_->settings.read_timeout);
    asio::async_read(stream_, asio::buffer(piece.bytes.data() + buffered, wanted - buffered),
                     std::move(on_read));
}

void Session::on_piece(std::size_t index, beast::error_code error) {
    reading_ = false;
    stream_.expires_never();
    if (refusal_) {
        // The reader refused the body while this read ran: answer now.
        auto refusal = std::move(*refusal_);
        refusal_.reset();
        return finish_stream(std::move(refusal), false);
    }
    if (error) return on_body_broken(error);
    auto& piece = pieces_[index];
    body_remaining_ -= piece.size;
    piece.last = body_remaining_ == 0;
    piece.state = Piece::State::ready;
    body_read_ = piece.last;
    advance();
}

void Session::start_consume(std::size_t index) {
    consuming_ = true;
    pieces_[index].state = Piece::State::consuming;
    asio::post(state_->body_workers,
               [self = shared_from_this(), index,
                work = asio::make_work_guard(stream_.get_executor())] { self->consume(index); });
}

// On a worker: the reader may write to storage and the database.
void Session::consume(std::size_t index) {
    auto& piece = pieces_[index];
    std::optional<Response> response;
    try {
        if (piece.size > 0) body_reader_->consume({piece.bytes.data(), piece.size});
        if (piece.last) response = body_reader_->finish();
    } catch (...) {
        response = response_for_exception(std::current_exception(), method_, target_);
    }
    // Done with the reader here, on a worker, where its destructor may do I/O.
    if (response) body_reader_.reset();
    asio::post(stream_.get_executor(),
               [self = shared_from_this(), index, response = std::move(response)]() mutable {
                   self->on_consumed(index, std::move(response));
               });
}

void Session::on_consumed(std::size_t index, std::optional<Response> response) {
    consuming_ = false;
    auto& piece = pieces_[index];
    piece.state = Piece::State::free;
    if (broken_) return abandon_reader();
    if (response) {
        if (piece.last) return finish_stream(std::move(*response), true);
        if (!reading_) return finish_stream(std::move(*response), false);
        // A read is still running into the other piece: stop it, answer when it returns.
        refusal_ = std::move(*response);
        beast::error_code ignored;
        stream_.socket().cancel(ignored);
        return;
    }
    advance();
}

void Session::on_body_broken(beast::error_code error) {
    core::logger("http")->info("{} {}: the body stopped arriving: {}", method_, target_,
                               error.message());
    broken_ = error;
    // A consume still running finishes first; its completion abandons the reader.
    if (!consuming_) abandon_reader();
}

void Session::finish_stream(Response response, bool whole_body_read) {
    state_->finished();
    if (!whole_body_read) {
        // The rest of the body is still coming: answer, then drain and close.
        keep_alive_ = false;
        rejected_ = true;
    }
    write_response(std::move(response));
}

// The client left or went silent midway: the reader is destroyed on a worker, where it undoes
// its work (storage, database), and the connection is closed.
void Session::abandon_reader() {
    asio::post(state_->body_workers, [self = shared_from_this()] {
        self->body_reader_.reset();
        self->state_->finished();
    });
    close();
}

}  // namespace dss::http
