// URL surgery limited to what dss needs; libpq does the real parsing when connecting.
#include "db/database_url.hpp"

namespace dss::db {
namespace {

struct UrlParts {
    std::string_view head;      // scheme://authority
    std::string_view database;  // without the leading '/'
    std::string_view tail;      // ?query, possibly empty
};

UrlParts split(std::string_view url) {
    auto scheme_end = url.find("://");
    auto authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    auto query = url.find('?', authority_start);
    auto path = url.find('/', authority_start);
    if (path == std::string_view::npos || (query != std::string_view::npos && path > query)) {
        auto head_end = query == std::string_view::npos ? url.size() : query;
        return {url.substr(0, head_end), {}, url.substr(head_end)};
    }
    auto database_end = query == std::string_view::npos ? url.size() : query;
    return {url.substr(0, path), url.substr(path + 1, database_end - path - 1),
            url.substr(database_end)};
}

}  // namespace

std::string database_of(std::string_view url) { return std::string(split(url).database); }

std::string with_database(std::string_view url, std::string_view database) {
    auto parts = split(url);
    return std::string(parts.head) + "/" + std::string(database) + std::string(parts.tail);
}

std::string redact_password(std::string_view url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    auto authority_start = scheme_end + 3;
    auto at = url.find('@', authority_start);
    auto slash = url.find('/', authority_start);
    if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
        return std::string(url);
    }
    auto colon = url.find(':', authority_start);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace dss::db
