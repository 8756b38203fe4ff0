// Requests per second through the whole HTTP stack (parse, route, pool, SELECT 1, write) over
// keep-alive connections: the fixed cost every API request pays.
#include <benchmark/benchmark.h>

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "api/routes.hpp"
#include "auth/hawk_client_directory.hpp"
#include "auth/nonce_store.hpp"
#include "bench_database.hpp"
#include "core/logging.hpp"
#include "core/settings.hpp"
#include "http/server.hpp"

namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;

struct RunningServer {
    dss::core::Settings settings;
    std::unique_ptr<dss::db::Pool> pool;
    std::unique_ptr<dss::auth::NonceStore> nonces;
    std::unique_ptr<dss::auth::HawkAuthenticator> authenticator;
    std::unique_ptr<dss::api::Services> services;
    std::unique_ptr<dss::http::Router> router;
    std::unique_ptr<dss::http::Server> server;
    std::thread thread;

    RunningServer() {
        dss::core::configure_logging("warning");
        settings.http.host = "127.0.0.1";
        settings.http.port = 0;
        settings.http.body_limit_bytes = 1 << 20;
        pool = std::make_unique<dss::db::Pool>(dss::db::PoolOptions{
            dss::bench::bench_database_url(), 8, {}, std::chrono::seconds(30)});
        nonces = dss::auth::make_nonce_store(settings.cache);
        authenticator = std::make_unique<dss::auth::HawkAuthenticator>(
            settings.hawk, false, dss::auth::hawk_client_lookup(*pool), *nonces);
        services = std::make_unique<dss::api::Services>(
            dss::api::Services{settings, *pool, *authenticator});
        router = std::make_unique<dss::http::Router>(dss::api::make_router(*services));
        server = std::make_unique<dss::http::Server>(settings.http, *router, 8);
        thread = std::thread([this] { server->run(false); });
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;
    ~RunningServer() {
        server->request_stop();
        thread.join();
    }
};

RunningServer& running_server() {
    static RunningServer server;
    return server;
}

void BM_HealthcheckKeepAlive(benchmark::State& state) {
    auto port = running_server().server->port();
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    beast::flat_buffer buffer;
    http::request<http::empty_body> request{http::verb::get, "/healthcheck", 11};
    request.set(http::field::host, "127.0.0.1");
    for (auto _ : state) {
        http::write(stream, request);
        http::response<http::string_body> response;
        http::read(stream, buffer, response);
        if (response.result() != http::status::ok) state.SkipWithError("healthcheck not 200");
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HealthcheckKeepAlive)->Threads(1)->Threads(4)->UseRealTime()->MinTime(2.0);

}  // namespace
