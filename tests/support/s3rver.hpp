// A throwaway S3-compatible server (npm s3rver) on a free loopback port, with one bucket.
#pragma once

#include <memory>
#include <string>

#include "support/child_process.hpp"
#include "support/temporary_directory.hpp"

namespace dss::test {

class S3rver {
   public:
    explicit S3rver(std::string bucket = "dss-test");

    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::string& bucket() const { return bucket_; }
    // s3rver's fixed credentials.
    static constexpr const char* kAccessKey = "S3RVER";
    static constexpr const char* kSecretKey = "S3RVER";

   private:
    std::string bucket_;
    TemporaryDirectory data_;
    std::uint16_t port_;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace dss::test
