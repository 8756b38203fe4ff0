#include "http/request_origin.hpp"

#include <charconv>
#include <string_view>

namespace dss::http {
namespace {

// The first of a comma-separated list (proxies append theirs), trimmed.
std::string_view first_header_value(const Request& request, std::string_view name) {
    auto found = request.find(name);
    if (found == request.end()) return {};
    std::string_view value = found->value();
    value = value.substr(0, value.find(','));
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return value;
}

}  // namespace

RequestOrigin request_origin(const Request& request, bool trust_proxy) {
    RequestOrigin origin{"http", std::string(first_header_value(request, "Host")), std::nullopt};
    if (!trust_proxy) return origin;
    if (auto proto = first_header_value(request, "X-Forwarded-Proto"); !proto.empty())
        origin.scheme = std::string(proto);
    if (auto host = first_header_value(request, "X-Forwarded-Host"); !host.empty())
        origin.authority = std::string(host);
    auto port_text = first_header_value(request, "X-Forwarded-Port");
    unsigned port = 0;
    auto [end, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (!port_text.empty() && error == std::errc() && end == port_text.data() + port_text.size() &&
        port > 0 && port <= 65535) {
        origin.forwarded_port = static_cast<std::uint16_t>(port);
    }
    return origin;
}

}  // namespace dss::http
