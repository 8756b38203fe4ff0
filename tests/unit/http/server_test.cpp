// The HTTP server in-process with handlers of our own: graceful shutdown with a request in
// flight, read timeouts and body limits. No database involved.
#include "http/server.hpp"

#include <gtest/gtest.h>

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
            {Verb::post, "/echo", "", [](const RequestContext& context) {
                 return json_response(Status::ok, {{"bytes", context.request().body().size()}});
             }});
        server_ = std::make_unique<Server>(settings, router_, 2);
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
    void stop_and_wait() {
        server_->request_stop();
        thread_.join();
    }

   private:
    Router router_;
    std::promise<void> slow_started_;
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

}  // namespace
}  // namespace dss::http
