// Starting dss serve and learning its port from its JSON log.
#include "support/dss_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <regex>
#include <stdexcept>

namespace dss::test {

DssServer::DssServer(const std::string& database_url, EnvironmentOverrides environment,
                     std::vector<std::string> launcher) {
    environment["DSS_DATABASE_URL"] = database_url;
    environment.try_emplace("DSS_HTTP_HOST", "127.0.0.1");
    launcher.insert(launcher.end(), {dss_binary(), "serve", "--port", "0"});
    process_ = std::make_unique<ChildProcess>(launcher, environment);
    if (!process_->wait_for_output("dss serving on port", std::chrono::seconds(30))) {
        throw std::runtime_error("dss serve did not start; it said:\n" +
                                 process_->standard_error());
    }
    std::smatch match;
    auto log = process_->standard_error();
    if (!std::regex_search(log, match, std::regex("dss serving on port ([0-9]+)"))) {
        throw std::runtime_error("no port in dss serve's log:\n" + log);
    }
    port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
}

std::uint16_t free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

}  // namespace dss::test
