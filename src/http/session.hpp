// One client connection: read a request's header, check what the route admits, read the body,
// run the handler on the worker pool, write the response, and repeat while the client keeps
// the connection alive.
#pragma once

#include <array>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "http/server_state.hpp"

namespace dss::http {

class Session : public std::enable_shared_from_this<Session> {
   public:
    Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session();

    void start();
    // Closes the connection if it is waiting for a request; a busy one closes after replying.
    void close_if_idle();

   private:
    void read_request();
    void on_header(boost::beast::error_code error, std::size_t bytes);
    void on_read(boost::beast::error_code error, std::size_t bytes);
    // True when `error` ends the connection without an answer (the client left, timed out).
    bool ends_quietly(boost::beast::error_code error);
    void run_handler(const Request& request);
    // Streamed bodies (session_body_stream.cpp): the route's reader is made on a worker, then
    // the body is read into two pieces in turn, each consumed on a worker while the other
    // fills.
    void open_stream();
    void on_stream_opened(StreamStart start);
    void advance();
    void read_piece(std::size_t index);
    void on_piece(std::size_t index, boost::beast::error_code error);
    void start_consume(std::size_t index);
    void consume(std::size_t index);
    void on_consumed(std::size_t index, std::optional<Response> response);
    void on_body_broken(boost::beast::error_code error);
    void finish_stream(Response response, bool whole_body_read);
    void abandon_reader();
    void write_response(Response response);
    void on_write(boost::beast::error_code error, std::size_t bytes);
    void reject(Status status, std::string_view reason);
    void linger();
    void close();

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::shared_ptr<ServerState> state_;
    boost::asio::ip::tcp::endpoint remote_;
    std::optional<beast_http::request_parser<beast_http::string_body>> parser_;
    std::optional<Response> response_;
    struct Piece {
        enum class State { free, filling, ready, consuming };
        std::vector<char> bytes;
        std::size_t size = 0;  // filled
        bool last = false;     // the body's end
        State state = State::free;
    };
    std::unique_ptr<BodyReader> body_reader_;
    std::array<Piece, 2> pieces_;
    std::size_t next_to_consume_ = 0;
    std::uint64_t body_remaining_ = 0;  // bytes of the streamed body not read yet
    bool reading_ = false;              // a read into a piece is running
    bool consuming_ = false;            // a worker is consuming a piece
    bool body_read_ = false;            // the last piece was read
    std::optional<Response> refusal_;   // the reader's answer, sent once a running read returns
    std::optional<boost::beast::error_code> broken_;  // the body stopped arriving
    // Accessed only on the session's strand.
    bool busy_ = false;
    bool keep_alive_ = false;
    bool head_ = false;      // answer with the headers of a GET and no body
    bool rejected_ = false;  // refused before its handler ran: linger before closing
    std::array<char, 4096> drain_{};
    unsigned version_ = 11;
    std::string method_;
    std::string target_;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace dss::http
