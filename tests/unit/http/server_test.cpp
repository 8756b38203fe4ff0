// The HTTP server in-process with handlers of our own: graceful shutdown with a request in
// flight, read timeouts and body limits. No database involved.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <thread>

#include "http/responses.hpp"
#include "support/http_client.hpp"

namespace dss::http {
namespace {

using namespace std::chrono_literals;

class InProcessServer {
   public:
    explicit InProcessServer(core::HttpSettings settings) {
        settings.host = "127.0.0.1";
        settings.port = 0;
        router_.add({Verb::get, "/slow", "", [this](const RequestContext&) {
                         slow_started_.set_value();
                         std::this_thread::sleep_for(700ms);
                         return json_response(Status::ok, {{"slow", true}});
                     }});
        router_.add(
            {Verb::post, "/echo", "",
             [](const RequestContext& context) {
                 return json_response(Status::ok, {{"bytes", context.request().body().size()}});
             },
             std::size_t{1} << 20});
        router_.add({Verb::get, "/hello", "", [](const RequestContext&) {
                         return json_response(Status::ok, {{"hello", "world"}});
                     }});
        router_.add({Verb::get, "/things/", "", [](const RequestContext&) {
                         return json_response(Status::ok, nlohmann::json::array());
                     }});
        // Blocks until the shutdown deadline's action releases it, as a cancelled query would.
        router_.add({Verb::get, "/stuck", "", [this](const RequestContext&) {
                         stuck_started_.set_value();
                         if (stuck_released_.wait_for(20s) != std::future_status::ready)
                             return json_response(Status::ok, {{"released", false}});
                         return json_response(Status::service_unavailable, {{"released", true}});
                     }});
        server_ = std::make_unique<Server>(settings, router_, 2);
        server_->set_deadline_action([this] {
            deadline_passed_ = true;
            release_.set_value();
        });
        thread_ = std::thread([this] { server_->run(false); });
    }
    InProcessServer(const InProcessServer&) = delete;
    InProcessServer& operator=(const InProcessServer&) = delete;
    ~InProcessServer() {
        server_->request_stop();
        if (thread_.joinable()) thread_.join();
    }

    std::uint16_t port() const { return server_->port(); }
    std::future<void> slow_started() { return slow_started_.get_future(); }
    std::future<void> stuck_started() { return stuck_started_.get_future(); }
    bool deadline_passed() const { return deadline_passed_; }
    void stop_and_wait() {
        server_->request_stop();
        thread_.join();
    }

   private:
    Router router_;
    std::promise<void> slow_started_;
    std::promise<void> stuck_started_;
    std::promise<void> release_;
    std::shared_future<void> stuck_released_ = release_.get_future().share();
    std::atomic<bool> deadline_passed_{false};
    std::unique_ptr<Server> server_;
    std::thread thread_;
};

core::HttpSettings settings_with(std::chrono::seconds read_timeout,
                                 std::size_t body_limit = 1 << 20) {
    core::HttpSettings settings;
    settings.read_timeout = read_timeout;
    settings.body_limit_bytes = body_limit;
    settings.shutdown_timeout = 10s;
    settings.threads = 2;
    return settings;
}

TEST(Server, StopFinishesTheRequestInFlightThenReturns) {
    InProcessServer server(settings_with(30s));
    auto started = server.slow_started();
    auto reply = std::async(std::launch::async,
                            [port = server.port()] { return test::http_get(port, "/slow"); });
    ASSERT_EQ(started.wait_for(5s), std::future_status::ready);
    auto stopped_at = std::chrono::steady_clock::now();
    server.stop_and_wait();
    EXPECT_GT(std::chrono::steady_clock::now() - stopped_at, 300ms)
        << "stop did not wait for the handler";
    auto answer = reply.get();
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, R"({"slow":true})");
    EXPECT_FALSE(answer.keep_alive) << "a stopping server closes the connection after replying";
}

TEST(Server, StoppedServerRefusesNewConnections) {
    InProcessServer server(settings_with(30s));
    auto port = server.port();
    server.stop_and_wait();
    EXPECT_THROW(test::http_get(port, "/slow"), boost::system::system_error);
}

TEST(Server, ClientThatStopsSendingIsDisconnectedAfterTheReadTimeout) {
    InProcessServer server(settings_with(1s));
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    boost::asio::write(socket,
                       boost::asio::buffer(std::string("GET /slow HTTP/1.1\r\nHost: x\r\n")));
    auto start = std::chrono::steady_clock::now();
    std::array<char, 64> buffer{};
    boost::system::error_code error;
    boost::asio::read(socket, boost::asio::buffer(buffer), error);
    EXPECT_TRUE(error == boost::asio::error::eof || error == boost::asio::error::connection_reset)
        << error.message();
    auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GT(waited, 800ms);
    EXPECT_LT(waited, 5s);
}

TEST(Server, BodyUpToTheLimitIsAcceptedAndBeyondIsRefused) {
    InProcessServer server(settings_with(30s, 2048));
    test::HttpConnection connection(server.port());
    auto accepted = connection.request(Verb::post, "/echo", std::string(2048, 'a'));
    EXPECT_EQ(accepted.status, 200);
    EXPECT_EQ(accepted.body, R"({"bytes":2048})");
    test::HttpConnection second(server.port());
    EXPECT_EQ(second.request(Verb::post, "/echo", std::string(2049, 'a')).status, 413);
}

TEST(Server, MalformedRequestIsA400) {
    InProcessServer server(settings_with(30s));
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    boost::asio::write(socket, boost::asio::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
    std::string answer;
    boost::system::error_code error;
    std::array<char, 512> buffer{};
    auto n = socket.read_some(boost::asio::buffer(buffer), error);
    answer.assign(buffer.data(), n);
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 400");
}

TEST(Server, ABodyOnAGetRouteIsRefusedFromItsHeaderBeforeItIsRead) {
    InProcessServer server(settings_with(30s));
    // Ten megabytes announced, none sent: the answer must come without waiting for them.
    auto answer = test::raw_http_exchange(
        server.port(), "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n", 3s);
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 413") << answer;
}

TEST(Server, ARefusedBodyBeingSentStillGetsItsAnswer) {
    InProcessServer server(settings_with(30s));
    // The client sends on after the header; the answer must not be lost to a reset.
    std::string request = "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 300000\r\n\r\n" +
                          std::string(300'000, 'x');
    auto answer = test::raw_http_exchange(server.port(), request, 5s);
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 413") << answer.substr(0, 200);
}

TEST(Server, HeadIsAnsweredOnGetRoutesWithTheHeadersAndNoBody) {
    InProcessServer server(settings_with(30s));
    auto answer = test::raw_http_exchange(
        server.port(), "HEAD /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 200") << answer;
    EXPECT_NE(answer.find("Content-Length: 17\r\n"), std::string::npos) << answer;
    EXPECT_TRUE(answer.ends_with("\r\n\r\n")) << "a HEAD answer has no body: " << answer;
}

TEST(Server, AWrongMethodIs405WithAllow) {
    InProcessServer server(settings_with(30s));
    test::HttpConnection connection(server.port());
    auto reply = connection.request(Verb::delete_, "/hello");
    EXPECT_EQ(reply.status, 405);
    EXPECT_EQ(reply.headers["allow"], "GET, HEAD");
}

TEST(Server, AMissingTrailingSlashIsRedirectedWith308) {
    InProcessServer server(settings_with(30s));
    test::HttpConnection connection(server.port());
    auto reply = connection.get("/things?x=1");
    EXPECT_EQ(reply.status, 308);
    EXPECT_EQ(reply.headers["location"], "/things/?x=1");
    EXPECT_EQ(connection.get("/nothing").status, 404);
}

TEST(Server, EveryResponseCarriesADate) {
    InProcessServer server(settings_with(30s));
    test::HttpConnection connection(server.port());
    for (const auto* target : {"/hello", "/nothing"}) {
        auto date = connection.get(target).headers["date"];
        EXPECT_TRUE(date.ends_with(" GMT")) << target << ": '" << date << "'";
        EXPECT_EQ(date.size(), 29U) << date;
    }
    auto refused = test::raw_http_exchange(
        server.port(), "GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n");
    EXPECT_NE(refused.find("Date: "), std::string::npos) << refused;
}

TEST(Server, ConnectionsBeyondTheCapAreAnswered503) {
    auto settings = settings_with(30s);
    settings.max_connections = 2;
    InProcessServer server(settings);
    test::HttpConnection first(server.port());
    test::HttpConnection second(server.port());
    ASSERT_EQ(first.get("/hello").status, 200);
    ASSERT_EQ(second.get("/hello").status, 200);
    auto third = test::raw_http_exchange(server.port(), "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(third.substr(0, 12), "HTTP/1.1 503") << third;
    EXPECT_NE(third.find("too many open connections"), std::string::npos) << third;
}

TEST(Server, RequestsBeyondTheQueueBoundAreAnswered503AtOnce) {
    auto settings = settings_with(30s);
    settings.queue_limit = 1;
    InProcessServer server(settings);
    auto started = server.slow_started();
    auto slow = std::async(std::launch::async,
                           [port = server.port()] { return test::http_get(port, "/slow"); });
    ASSERT_EQ(started.wait_for(5s), std::future_status::ready);
    auto busy = test::http_get(server.port(), "/hello");
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.body, R"({"error":"server busy"})");
    EXPECT_EQ(slow.get().status, 200);
    EXPECT_EQ(test::http_get(server.port(), "/hello").status, 200) << "the slot is free again";
}

TEST(Server, ShutdownPastItsDeadlineRunsTheDeadlineActionAndReturns) {
    auto settings = settings_with(30s);
    settings.shutdown_timeout = 1s;
    auto server = std::make_unique<InProcessServer>(settings);
    auto started = server->stuck_started();
    auto stuck = std::async(std::launch::async, [port = server->port()] {
        return test::raw_http_exchange(port, "GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n", 15s);
    });
    ASSERT_EQ(started.wait_for(5s), std::future_status::ready);
    auto stopping = std::chrono::steady_clock::now();
    server->stop_and_wait();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 5s);
    EXPECT_TRUE(server->deadline_passed());
    // The session of /stuck outlives the server's threads: destroying the server tears it
    // down, and it must find the state it points to still there.
    server.reset();
    ASSERT_EQ(stuck.wait_for(5s), std::future_status::ready) << "the connection stayed open";
    EXPECT_EQ(stuck.get().find("\"released\":false"), std::string::npos);
}

}  // namespace
}  // namespace dss::http
