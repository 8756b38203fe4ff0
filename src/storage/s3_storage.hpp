// Storage in an S3 bucket (or an S3-compatible server), over libcurl with its own SigV4 signing.
#pragma once

#include "http_client/http_client.hpp"
#include "storage/storage.hpp"

namespace dss::storage {

struct S3Settings {
    std::string bucket;
    std::string prefix;        // "" or "folder/" (always ending in '/')
    std::string endpoint_url;  // "" for AWS; else path-style requests to this base URL
    std::string region = "us-east-1";
    std::string access_key_id;
    std::string secret_access_key;
    std::size_t part_size =
        std::size_t{8} * 1024 * 1024;  // multipart upload part, and ranged read, size
    int list_page_size = 1000;         // keys per ListObjectsV2 answer

    // From `s3://bucket[/prefix]`.
    static S3Settings from_url(std::string_view url);
};

class S3Storage final : public Storage {
   public:
    explicit S3Storage(S3Settings settings);

    std::vector<FileEntry> list(std::string_view prefix) const override;
    std::unique_ptr<InputStream> open(std::string_view name) const override;
    std::unique_ptr<OutputStream> create(std::string_view name) override;
    void remove(std::string_view name) override;
    void move(std::string_view from, std::string_view to) override;
    std::string describe() const override;

    // One signed request on `key` (relative to the bucket, prefix included); throws on transport
    // errors, returns any HTTP status.
    http_client::ClientResponse request(
        std::string_view method, std::string_view key,
        std::vector<std::pair<std::string, std::string>> query = {},
        std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = {}) const;
    const S3Settings& settings() const { return settings_; }

   private:
    std::string key_of(std::string_view name) const { return settings_.prefix + std::string(name); }

    S3Settings settings_;
};

// Throws with the S3 error code and message from `response` unless its status is 2xx.
void require_success(const http_client::ClientResponse& response, std::string_view action);

}  // namespace dss::storage
