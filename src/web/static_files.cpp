// Files are read whole: the assets are small (the largest, the stylesheet, is about 130 KB).
#include "web/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "http/responses.hpp"

namespace dss::web {
namespace {

std::string_view content_type(const std::filesystem::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kTypes = {{
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".map", "application/json"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".png", "image/png"},
        {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
    }};
    auto extension = file.extension().string();
    for (const auto& [known, type] : kTypes) {
        if (extension == known) return type;
    }
    return "application/octet-stream";
}

}  // namespace

http::Handler static_files(std::filesystem::path folder) {
    return [folder = std::move(folder)](const http::RequestContext& context) -> http::Response {
        auto file = folder / context.path_parameter("file");
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            throw http::HttpError(http::Status::not_found, nullptr);
        }
        std::ifstream in(file, std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        http::Response response{http::Status::ok, 11};
        response.set(http::beast_http::field::content_type, content_type(file));
        response.set(http::beast_http::field::cache_control, "public, max-age=3600");
        response.set("X-Content-Type-Options", "nosniff");
        response.body() = body.str();
        return response;
    };
}

}  // namespace dss::web
