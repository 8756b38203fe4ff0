// S3 REST calls: ListObjectsV2 with continuation tokens, ranged GETs, multipart uploads, copy.
#include "storage/s3_storage.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <pugixml.hpp>

#include "core/crypto.hpp"
#include "http/url_encoding.hpp"

namespace dss::storage {
namespace {

// AWS's URI encoding: everything but unreserved characters, and '/' kept in paths.
std::string aws_encode(std::string_view text, bool keep_slash) {
    return http::percent_encode(text, keep_slash ? "/" : "");
}

std::chrono::system_clock::time_point parse_iso_time(std::string_view text) {
    std::tm parts{};
    if (text.size() < 19 ||
        strptime(std::string(text.substr(0, 19)).c_str(), "%Y-%m-%dT%H:%M:%S", &parts) == nullptr) {
        return {};
    }
    auto seconds = std::chrono::system_clock::from_time_t(timegm(&parts));
    if (text.size() > 20 && text[19] == '.') {
        int millis = 0;
        for (std::size_t i = 20;
             i < text.size() && i < 23 && std::isdigit(static_cast<unsigned char>(text[i])) != 0;
             ++i) {
            millis = millis * 10 + (text[i] - '0');
        }
        seconds += std::chrono::milliseconds(millis);
    }
    return seconds;
}

pugi::xml_document parse_xml(const std::string& body, std::string_view action) {
    pugi::xml_document document;
    if (!document.load_buffer(body.data(), body.size())) {
        throw std::runtime_error(std::string(action) + ": S3 answered something that is not XML");
    }
    return document;
}

class S3InputStream final : public InputStream {
   public:
    S3InputStream(const S3Storage& storage, std::string key, std::uint64_t size, std::string etag)
        : storage_(storage), key_(std::move(key)), size_(size), etag_(std::move(etag)) {}

    std::size_t read(char* buffer, std::size_t size) override {
        if (offset_in_chunk_ == chunk_.size()) {
            if (position_ >= size_) return 0;
            fetch();
        }
        auto count = std::min(size, chunk_.size() - offset_in_chunk_);
        std::copy_n(chunk_.data() + offset_in_chunk_, count, buffer);
        offset_in_chunk_ += count;
        return count;
    }
    std::uint64_t size() const override { return size_; }
    void seek(std::uint64_t offset) override {
        position_ = offset;
        chunk_.clear();
        offset_in_chunk_ = 0;
    }

   private:
    // One ranged GET of at most part_size bytes: memory stays bounded whatever the file size.
    // Every range must come from the version opened (If-Match on its ETag) and be the range
    // asked for (206 and its length): a file replaced or a Range ignored halfway through a
    // load would otherwise splice two files into one.
    void fetch() {
        auto where = "reading s3://" + storage_.settings().bucket + "/" + key_;
        auto last = std::min<std::uint64_t>(size_, position_ + storage_.settings().part_size) - 1;
        std::vector<std::pair<std::string, std::string>> headers = {
            {"Range", "bytes=" + std::to_string(position_) + "-" + std::to_string(last)}};
        if (!etag_.empty()) headers.emplace_back("If-Match", etag_);
        auto response = storage_.request("GET", key_, {}, headers);
        // Servers that ignore If-Match still name the version they answered with.
        auto answered = response.header("ETag");
        if (response.status == 412 || (response.status / 100 == 2 && !etag_.empty() &&
                                       !answered.empty() && answered != etag_)) {
            throw std::runtime_error(where + ": the file changed while it was being read");
        }
        require_success(response, where);
        auto expected = last - position_ + 1;
        bool whole = response.status == 200 && position_ == 0 && response.body.size() == size_;
        if ((response.status != 206 && !whole) || response.body.size() != expected) {
            throw std::runtime_error(where + ": asked for bytes " + std::to_string(position_) +
                                     "-" + std::to_string(last) + ", got status " +
                                     std::to_string(response.status) + " with " +
                                     std::to_string(response.body.size()) + " bytes");
        }
        chunk_ = std::move(response.body);
        offset_in_chunk_ = 0;
        position_ += chunk_.size();
    }

    const S3Storage& storage_;
    std::string key_;
    std::uint64_t size_;
    std::string etag_;  // of the version opened
    std::uint64_t position_ = 0;
    std::string chunk_;
    std::size_t offset_in_chunk_ = 0;
};

class S3OutputStream final : public OutputStream {
   public:
    S3OutputStream(const S3Storage& storage, std::string key)
        : storage_(storage), key_(std::move(key)) {}
    S3OutputStream(const S3OutputStream&) = delete;
    S3OutputStream& operator=(const S3OutputStream&) = delete;
    ~S3OutputStream() override {
        if (published_ || upload_id_.empty()) return;
        try {  // an unfinished multipart upload would cost storage until a lifecycle rule ends it
            storage_.request("DELETE", key_, {{"uploadId", upload_id_}});
        } catch (...) {  // NOLINT(bugprone-empty-catch): best effort in a destructor
        }
    }

    void write(std::string_view data) override {
        while (!data.empty()) {
            auto room = storage_.settings().part_size - buffer_.size();
            auto take = std::min(room, data.size());
            buffer_.append(data.substr(0, take));
            data.remove_prefix(take);
            if (buffer_.size() == storage_.settings().part_size) upload_part();
        }
    }

    void publish() override {
        if (upload_id_.empty()) {
            auto response = storage_.request("PUT", key_, {}, {}, std::move(buffer_));
            require_success(response, "writing s3://" + storage_.settings().bucket + "/" + key_);
        } else {
            if (!buffer_.empty() || parts_.empty()) upload_part();
            std::string body = "<CompleteMultipartUpload>";
            for (std::size_t i = 0; i < parts_.size(); ++i) {
                body += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>" +
                        parts_[i] + "</ETag></Part>";
            }
            body += "</CompleteMultipartUpload>";
            auto response = storage_.request("POST", key_, {{"uploadId", upload_id_}}, {}, body);
            require_success(response, "completing the upload of " + key_);
            // S3 may report a failure inside a 200 answer.
            if (response.body.find("<Error>") != std::string::npos) {
                throw std::runtime_error("completing the upload of " + key_ +
                                         " failed: " + response.body);
            }
        }
        published_ = true;
    }

   private:
    void upload_part() {
        if (upload_id_.empty()) {
            auto response = storage_.request("POST", key_, {{"uploads", ""}});
            require_success(response, "starting the upload of " + key_);
            auto document = parse_xml(response.body, "starting the upload of " + key_);
            upload_id_ = document.child("InitiateMultipartUploadResult").child_value("UploadId");
            if (upload_id_.empty()) throw std::runtime_error("S3 gave no UploadId for " + key_);
        }
        auto number = std::to_string(parts_.size() + 1);
        auto response =
            storage_.request("PUT", key_, {{"partNumber", number}, {"uploadId", upload_id_}}, {},
                             std::move(buffer_));
        buffer_.clear();
        require_success(response, "uploading part " + number + " of " + key_);
        auto etag = response.header("ETag");
        if (etag.empty())
            throw std::runtime_error("S3 gave no ETag for part " + number + " of " + key_);
        parts_.push_back(etag);
    }

    const S3Storage& storage_;
    std::string key_;
    std::string buffer_;
    std::string upload_id_;
    std::vector<std::string> parts_;
    bool published_ = false;
};

}  // namespace

S3Settings S3Settings::from_url(std::string_view url) {
    if (!url.starts_with("s3://"))
        throw std::invalid_argument("not an s3:// URL: '" + std::string(url) + "'");
    url.remove_prefix(5);
    S3Settings settings;
    auto slash = url.find('/');
    settings.bucket = std::string(url.substr(0, slash));
    if (settings.bucket.empty()) throw std::invalid_argument("s3:// URL names no bucket");
    if (slash != std::string_view::npos) {
        auto prefix = url.substr(slash + 1);
        while (prefix.ends_with('/')) prefix.remove_suffix(1);
        if (!prefix.empty()) settings.prefix = std::string(prefix) + "/";
    }
    return settings;
}

S3Storage::S3Storage(S3Settings settings) : settings_(std::move(settings)) {
    if (settings_.region.empty()) settings_.region = "us-east-1";
    while (settings_.endpoint_url.ends_with('/')) settings_.endpoint_url.pop_back();
}

void require_success(const http_client::ClientResponse& response, std::string_view action) {
    if (response.status >= 200 && response.status < 300) return;
    std::string detail = "HTTP " + std::to_string(response.status);
    pugi::xml_document document;
    if (document.load_buffer(response.body.data(), response.body.size())) {
        auto error = document.child("Error");
        if (error)
            detail +=
                std::string(" ") + error.child_value("Code") + ": " + error.child_value("Message");
    }
    if (response.status == 404)
        throw NotFound(std::string(action) + ": not found (" + detail + ")");
    throw std::runtime_error(std::string(action) + " failed: " + detail);
}

http_client::ClientResponse S3Storage::request(
    std::string_view method, std::string_view key,
    std::vector<std::pair<std::string, std::string>> query,
    std::vector<std::pair<std::string, std::string>> headers, std::string body) const {
    std::string url =
        settings_.endpoint_url.empty()
            ? "https://" + settings_.bucket + ".s3." + settings_.region + ".amazonaws.com/"
            : settings_.endpoint_url + "/" + settings_.bucket + "/";
    url += aws_encode(key, true);
    // SigV4 signs the canonical (sorted, encoded) query; send it that way.
    std::sort(query.begin(), query.end());
    for (std::size_t i = 0; i < query.size(); ++i) {
        url += (i == 0 ? "?" : "&") + aws_encode(query[i].first, false) + "=" +
               aws_encode(query[i].second, false);
    }
    http_client::ClientRequest outgoing;
    outgoing.method = std::string(method);
    outgoing.url = url;
    outgoing.headers = std::move(headers);
    // S3 wants the payload's hash signed; giving it here also spares libcurl from guessing.
    outgoing.headers.emplace_back("x-amz-content-sha256", core::hex_encode(core::sha256(body)));
    outgoing.body = std::move(body);
    outgoing.timeout = std::chrono::seconds(300);
    outgoing.aws = http_client::AwsSigning{settings_.access_key_id, settings_.secret_access_key,
                                           settings_.region, "s3"};
    return http_client::send_request(outgoing);
}

std::vector<FileEntry> S3Storage::list(std::string_view prefix) const {
    std::string folder = settings_.prefix + std::string(prefix);
    if (!folder.empty() && !folder.ends_with('/')) folder += '/';
    std::vector<FileEntry> entries;
    std::string token;
    do {
        std::vector<std::pair<std::string, std::string>> query = {
            {"list-type", "2"},
            {"prefix", folder},
            {"max-keys", std::to_string(settings_.list_page_size)}};
        if (!token.empty()) query.emplace_back("continuation-token", token);
        auto response = request("GET", "", query);
        require_success(response, "listing " + describe());
        auto document = parse_xml(response.body, "listing " + describe());
        auto result = document.child("ListBucketResult");
        for (auto contents : result.children("Contents")) {
            std::string key = contents.child_value("Key");
            if (key.ends_with('/') || key.size() <= settings_.prefix.size())
                continue;  // folder placeholders
            entries.push_back({key.substr(settings_.prefix.size()),
                               std::stoull(std::string(contents.child_value("Size"))),
                               parse_iso_time(contents.child_value("LastModified"))});
        }
        token = std::string(result.child_value("IsTruncated")) == "true"
                    ? result.child_value("NextContinuationToken")
                    : "";
    } while (!token.empty());
    sort_oldest_first(entries);
    return entries;
}

std::unique_ptr<InputStream> S3Storage::open(std::string_view name) const {
    auto key = key_of(name);
    auto head = request("HEAD", key);
    if (head.status == 404) throw NotFound("no file " + std::string(name) + " in " + describe());
    require_success(head, "opening s3://" + settings_.bucket + "/" + key);
    auto length = head.header("Content-Length");
    return std::make_unique<S3InputStream>(*this, key, length.empty() ? 0 : std::stoull(length),
                                           head.header("ETag"));
}

std::unique_ptr<OutputStream> S3Storage::create(std::string_view name) {
    return std::make_unique<S3OutputStream>(*this, key_of(name));
}

void S3Storage::remove(std::string_view name) {
    auto key = key_of(name);
    // DELETE succeeds for missing keys too; say so instead of pretending.
    auto head = request("HEAD", key);
    if (head.status == 404) throw NotFound("no file " + std::string(name) + " in " + describe());
    require_success(request("DELETE", key), "deleting s3://" + settings_.bucket + "/" + key);
}

void S3Storage::move(std::string_view from, std::string_view to) {
    auto source = key_of(from);
    auto copied =
        request("PUT", key_of(to), {},
                {{"x-amz-copy-source", "/" + settings_.bucket + "/" + aws_encode(source, true)}});
    if (copied.status == 404) throw NotFound("no file " + std::string(from) + " in " + describe());
    require_success(copied, "copying " + source);
    if (copied.body.find("<Error>") != std::string::npos)
        throw std::runtime_error("copying " + source + " failed: " + copied.body);
    require_success(request("DELETE", source), "deleting s3://" + settings_.bucket + "/" + source);
}

std::string S3Storage::describe() const {
    return "s3://" + settings_.bucket + (settings_.prefix.empty() ? "" : "/" + settings_.prefix);
}

}  // namespace dss::storage
