// A publisher's web site for the fetch tests (tests/interop/publisher_server.js on loopback):
// pages and files at paths, with the faults real sites have.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "support/child_process.hpp"
#include "support/temporary_directory.hpp"

namespace dss::test {

struct SiteFault {
    int failures = 0;                 // the first requests answer 500
    std::optional<long> cut_after;    // bytes sent before the connection is cut
    std::optional<long> stall_after;  // bytes sent before the server falls silent

    static SiteFault failing(int times) { return {times, std::nullopt, std::nullopt}; }
    static SiteFault cut(long after) { return {0, after, std::nullopt}; }
    static SiteFault stalling(long after) { return {0, std::nullopt, after}; }
};

class PublisherSite {
   public:
    PublisherSite();

    // http://127.0.0.1:<port><path>
    std::string url(const std::string& path) const;
    // Serves `content` at `path` from now on.
    void serve(const std::string& path, const std::string& content, const SiteFault& fault = {},
               const std::string& type = "application/octet-stream");
    // Serves the file at `file` as it is (a large one is not copied).
    void serve_file(const std::string& path, const std::filesystem::path& file);
    // Answers `status` with `body` (an error page) at `path`.
    void serve_error(const std::string& path, int status, const std::string& body);
    // Redirects `path` to `to` (302).
    void redirect(const std::string& path, const std::string& to);
    // An HTML page whose body holds <a href> for each link.
    void serve_links(const std::string& path, const std::vector<std::string>& hrefs);
    // Requests the site has had for `path`.
    int requests(const std::string& path) const;

   private:
    void write_routes() const;

    TemporaryDirectory files_;
    nlohmann::json routes_ = nlohmann::json::object();
    int served_ = 0;
    std::unique_ptr<ChildProcess> process_;
    std::string base_url_;
};

}  // namespace dss::test
