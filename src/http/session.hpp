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
    // Streamed bodies: the route's reader is made on a worker, then the body is read piece by
    // piece, each consumed on a worker before the next is read.
    void open_stream();
    void on_stream_opened(StreamStart start);
    void read_piece();
    void on_piece(boost::beast::error_code error, std::size_t bytes);
    void consume_piece(std::size_t size, bool last);
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
    std::optional<beast_http::request_parser<beast_http::buffer_body>> body_parser_;
    std::unique_ptr<BodyReader> body_reader_;
    std::vector<char> piece_;
    std::size_t stream_limit_ = 0;
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
