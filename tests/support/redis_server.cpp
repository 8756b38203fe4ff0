// redis-server with persistence off, in its own scratch directory.
#include "support/redis_server.hpp"

#include <signal.h>

#include <stdexcept>

#include "support/dss_server.hpp"

namespace dss::test {

RedisServer::RedisServer(const std::string& password, const std::optional<Tls>& tls)
    : port_(free_port()), tls_(tls.has_value()) {
    std::vector<std::string>& arguments = arguments_;
    arguments = {"/usr/bin/redis-server", "--bind", "127.0.0.1", "--save", "",
                 "--appendonly",          "no"};
    if (tls) {
        arguments.insert(arguments.end(),
                         {"--port", "0", "--tls-port", std::to_string(port_), "--tls-cert-file",
                          tls->certificate_file, "--tls-key-file", tls->key_file,
                          "--tls-ca-cert-file", tls->ca_file, "--tls-auth-clients", "no"});
    } else {
        arguments.insert(arguments.end(), {"--port", std::to_string(port_)});
    }
    if (!password.empty()) {
        arguments.emplace_back("--requirepass");
        arguments.push_back(password);
    }
    start();
}

void RedisServer::start() {
    process_ = std::make_unique<ChildProcess>(arguments_);
    if (!process_->wait_for_output("Ready to accept connections", std::chrono::seconds(20))) {
        throw std::runtime_error("redis-server did not start:\n" + process_->standard_output() +
                                 process_->standard_error());
    }
}

void RedisServer::restart() {
    stop();
    start();
}

void RedisServer::stop() {
    if (!process_) return;
    process_->send_signal(SIGTERM);
    process_->wait_for_exit(std::chrono::seconds(10));
    process_.reset();
}

}  // namespace dss::test
