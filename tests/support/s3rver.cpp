// Starts s3rver from tests/interop/node_modules (make test installs it).
#include "support/s3rver.hpp"

#include <stdexcept>

#include "support/dss_server.hpp"

namespace dss::test {

S3rver::S3rver(std::string bucket) : bucket_(std::move(bucket)), port_(free_port()) {
    auto binary =
        (source_directory() / "tests" / "interop" / "node_modules" / "s3rver" / "bin" / "s3rver.js")
            .string();
    process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        // s3rver's continuation tokens use DES, which OpenSSL 3 keeps in its legacy provider.
        "/usr/bin/env", "node", "--openssl-legacy-provider", binary, "-d", data_.path().string(),
        "-a", "127.0.0.1", "-p", std::to_string(port_), "--configure-bucket", bucket_});
    if (!process_->wait_for_output("listening", std::chrono::seconds(30))) {
        throw std::runtime_error(
            "s3rver did not start (is tests/interop installed? make test does it):\n" +
            process_->standard_output() + process_->standard_error());
    }
}

}  // namespace dss::test
