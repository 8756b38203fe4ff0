// The per-connection state machine, after Beast's advanced server example (boost-1.74.0).
#include "http/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <limits>

#include "core/build_info.hpp"
#include "core/logging.hpp"
#include "http/responses.hpp"

namespace dss::http {

namespace beast = boost::beast;
namespace asio = boost::asio;

Session::Session(asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state)
    : stream_(std::move(socket)), state_(std::move(state)) {
    beast::error_code ignored;
    remote_ = stream_.socket().remote_endpoint(ignored);
}

Session::~Session() { state_->remove_session(this); }

void Session::start() {
    state_->add_session(this, weak_from_this());
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::read_request, shared_from_this()));
}

void Session::close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
        if (!self->busy_) self->close();
    });
}

void Session::read_request() {
    busy_ = false;
    method_ = "-";
    target_ = "-";
    if (state_->stopping) return close();
    parser_.emplace();
    // Beast's parser refuses a Content-Length past its default limit (1 MiB) while still
    // reading the header; the route's own limit is applied in on_header instead.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(state_->settings.read_timeout);
    beast_http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

bool Session::ends_quietly(beast::error_code error) {
    return error == beast_http::error::end_of_stream || error == asio::error::operation_aborted ||
           error == beast::error::timeout || error == asio::error::connection_reset ||
           error == asio::error::eof;
}

// The body is read only once the route is known to take one this size: a GET with a 10 MB
// body is refused from its header, before a byte of the body is read.
void Session::on_header(beast::error_code error, std::size_t bytes) {
    if (error) return on_read(error, bytes);
    const auto& header = parser_->get();
    method_ = std::string(header.method_string());
    target_ = std::string(header.target());
    auto length = parser_->content_length();
    bool announces_body = (length && *length > 0) || parser_->chunked();
    // Most requests carry no body: they need no second route lookup to learn the limit.
    auto body = announces_body ? state_->body_for(header.method(), header.target()) : RouteBody{};
    auto limit = body.limit;
    if ((length && *length > limit) || (parser_->chunked() && limit == 0)) {
        busy_ = true;
        started_ = std::chrono::steady_clock::now();
        return reject(Status::payload_too_large, "request body too large");
    }
    if (body.streamed) {
        // Streamed bodies are read as they are, by length: browsers and curl -F send one.
        if (!length) {
            busy_ = true;
            started_ = std::chrono::steady_clock::now();
            return reject(Status::length_required, "send the body with a Content-Length");
        }
        return open_stream();
    }
    parser_->body_limit(limit);
    beast_http::async_read(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::on_read(beast::error_code error, std::size_t /*bytes*/) {
    if (ends_quietly(error)) return close();
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    if (error == beast_http::error::body_limit) {
        return reject(Status::payload_too_large, "request body too large");
    }
    if (error == beast_http::error::header_limit) {
        return reject(Status::request_header_fields_too_large, "request header too large");
    }
    if (error) return reject(Status::bad_request, error.message());

    auto request = parser_->release();
    keep_alive_ = request.keep_alive();
    version_ = request.version();
    head_ = request.method() == Verb::head;
    stream_.expires_never();
    // Past the bound, waiting longer would only make every answer late: say so now.
    if (!state_->try_enqueue()) return reject(Status::service_unavailable, "server busy");
    // The work guard keeps the network threads running while only a worker is busy.
    asio::post(state_->workers, [self = shared_from_this(), request = std::move(request),
                                 work = asio::make_work_guard(stream_.get_executor())]() mutable {
        self->run_handler(request);
    });
}

void Session::run_handler(const Request& request) {
    if (state_->abandoned) {
        state_->finished();
        return;
    }
    Response response;
    try {
        response = state_->handle(request, remote_);
    } catch (const std::exception& error) {
        DSS_LOG_ERROR("http", "{} {}: {}", method_, target_, error.what());
        response = empty_response(Status::internal_server_error);
    }
    state_->finished();
    asio::post(stream_.get_executor(),
               [self = shared_from_this(), response = std::move(response)]() mutable {
                   self->write_response(std::move(response));
               });
}

void Session::reject(Status status, std::string_view reason) {
    head_ = false;
    keep_alive_ = false;
    rejected_ = true;
    write_response(json_response(status, {{"error", reason}}));
}

void Session::write_response(Response response) {
    response_ = std::move(response);
    // Finish this request, but take no new ones on the connection once shutdown began.
    keep_alive_ = keep_alive_ && !state_->stopping;
    // Headers every response carries, the early refusals of this class included.
    response_->set(beast_http::field::date, http_date(std::chrono::system_clock::now()));
    response_->set(beast_http::field::server, std::string("dss/") + core::kVersion);
    if (state_->settings.no_browser_cache) {
        response_->set(beast_http::field::cache_control,
                       "no-cache, no-store, must-revalidate, max-age=0");
        response_->set(beast_http::field::pragma, "no-cache");
        response_->set(beast_http::field::expires, "0");
    }
    response_->version(version_);
    response_->keep_alive(keep_alive_);
    response_->prepare_payload();
    // HEAD: the GET's headers, Content-Length included, and no body.
    if (head_) response_->body().clear();
    stream_.expires_after(state_->settings.read_timeout);
    beast_http::async_write(stream_, *response_,
                            beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code error, std::size_t bytes) {
    auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_);
    core::logger("access")->info("{} {} {} {} {:.1f}ms {}", method_, target_,
                                 response_ ? response_->result_int() : 0U, bytes, elapsed.count(),
                                 remote_.address().to_string());
    response_.reset();
    if (error) {
        core::logger("http")->debug("write to {} failed: {}", remote_.address().to_string(),
                                    error.message());
        return close();
    }
    if (rejected_) return linger();
    if (!keep_alive_) return close();
    read_request();
}

// After a refusal the client may still be sending (the body refused, the rest of a bad
// request): closing with unread bytes makes the kernel reset the connection, and the client
// can lose the answer. Stop sending, drain for a moment, then close.
void Session::linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(1));
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                                if (error) return self->close();
                                self->linger();
                            });
}

void Session::close() {
    beast::error_code ignored;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
}

}  // namespace dss::http
