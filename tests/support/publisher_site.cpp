#include "support/publisher_site.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>

#include "http_client/http_client.hpp"

namespace dss::test {

PublisherSite::PublisherSite() {
    write_routes();
    process_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{
            "/usr/bin/env", "node",
            (source_directory() / "tests" / "interop" / "publisher_server.js").string()},
        EnvironmentOverrides{{"ROUTES", (files_.path() / "routes.json").string()}});
    if (!process_->wait_for_output("listening on", std::chrono::seconds(20)))
        throw std::runtime_error("publisher_server.js did not start: " +
                                 process_->standard_error());
    auto out = process_->standard_output();
    base_url_ = "http://127.0.0.1:" + out.substr(out.find("listening on ") + 13);
    while (!base_url_.empty() && (base_url_.back() == '\n' || base_url_.back() == '\r'))
        base_url_.pop_back();
}

std::string PublisherSite::url(const std::string& path) const { return base_url_ + path; }

void PublisherSite::serve(const std::string& path, const std::string& content,
                          const SiteFault& fault, const std::string& type) {
    auto file = files_.write("body" + std::to_string(++served_), content);
    nlohmann::json route{{"file", file.string()}, {"type", type}, {"failures", fault.failures}};
    if (fault.cut_after) route["cut_after"] = *fault.cut_after;
    if (fault.stall_after) route["stall_after"] = *fault.stall_after;
    routes_[path] = route;
    write_routes();
}

void PublisherSite::serve_file(const std::string& path, const std::filesystem::path& file) {
    routes_[path] = nlohmann::json{{"file", file.string()}, {"failures", 0}};
    write_routes();
}

void PublisherSite::serve_error(const std::string& path, int status, const std::string& body) {
    auto file = files_.write("body" + std::to_string(++served_), body);
    routes_[path] =
        nlohmann::json{{"file", file.string()}, {"status", status}, {"type", "text/html"}};
    write_routes();
}

void PublisherSite::redirect(const std::string& path, const std::string& to) {
    routes_[path] = nlohmann::json{{"redirect", to}};
    write_routes();
}

void PublisherSite::serve_links(const std::string& path, const std::vector<std::string>& hrefs) {
    std::string html = "<!DOCTYPE html><html><head><title>Downloads</title></head><body><ul>";
    for (const auto& href : hrefs)
        html += "<li><a class=\"download\" href=\"" + href + "\">file</a>";
    serve(path, html + "</ul></body></html>", {}, "text/html");
}

int PublisherSite::requests(const std::string& path) const {
    http_client::ClientRequest request;
    request.url = url("/__requests");
    auto counts = nlohmann::json::parse(http_client::send_request(request).body);
    return counts.contains(path) ? counts[path].get<int>() : 0;
}

void PublisherSite::write_routes() const {
    // Written whole, then renamed: the server may read the file at any moment.
    auto temporary = files_.path() / "routes.json.new";
    std::ofstream(temporary) << routes_.dump();
    std::filesystem::rename(temporary, files_.path() / "routes.json");
}

}  // namespace dss::test
