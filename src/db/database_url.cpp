// URL surgery limited to what dss needs; libpq does the real parsing when connecting.
#include "db/database_url.hpp"

#include <libpq-fe.h>

#include <map>
#include <memory>

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

// libpq's own parser then reads the URL (or key=value string) as connecting would, so a
// password given as ?password= or password=... is found too. The description is rebuilt from
// the parts, never copied from the input.
std::string redact_password(std::string_view url) {
    // First the user information of a URL, up to the last '@' before the query: a password
    // holding an unencoded '/' or '@' fools any URL parser, libpq's included.
    std::string text(url);
    if (auto scheme_end = text.find("://"); scheme_end != std::string::npos) {
        auto authority = scheme_end + 3;
        auto at = text.rfind('@', text.find('?', authority));
        if (at != std::string::npos && at > authority) {
            auto colon = text.find(':', authority);
            if (colon < at) text.replace(colon + 1, at - colon - 1, "***");
        }
    }
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(text.c_str(), &error), &PQconninfoFree);
    if (error != nullptr) PQfreemem(error);
    if (options == nullptr) return "(a database URL libpq cannot read)";
    std::map<std::string, std::string, std::less<>> values;
    for (auto* option = options.get(); option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0') continue;
        // libpq marks secrets (password, sslpassword) with the display character '*'.
        bool secret = option->dispchar != nullptr && std::string_view(option->dispchar) == "*";
        values[option->keyword] = secret ? "***" : option->val;
    }
    auto value = [&values](std::string_view key) {
        auto found = values.find(key);
        return found == values.end() ? std::string() : found->second;
    };
    std::string out = "postgresql://";
    if (!value("user").empty()) {
        out += value("user");
        if (!value("password").empty()) out += ":" + value("password");
        out += "@";
    } else if (!value("password").empty()) {
        out += ":" + value("password") + "@";
    }
    out += value("host").empty() ? value("hostaddr") : value("host");
    if (!value("port").empty()) out += ":" + value("port");
    out += "/" + value("dbname");
    std::string query;
    for (const auto& [key, text_value] : values) {
        if (key == "user" || key == "password" || key == "host" || key == "hostaddr" ||
            key == "port" || key == "dbname") {
            continue;
        }
        query.append(query.empty() ? "?" : "&").append(key).append("=").append(text_value);
    }
    return out + query;
}

}  // namespace dss::db
