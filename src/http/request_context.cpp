// Splitting and decoding request targets.
#include "http/request_context.hpp"

#include <stdexcept>

#include "core/utf8.hpp"
#include "http/responses.hpp"

namespace dss::http {
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view raw_query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!raw_query.empty()) {
        auto end = raw_query.find('&');
        auto pair = raw_query.substr(0, end);
        raw_query = end == std::string_view::npos ? std::string_view{} : raw_query.substr(end + 1);
        if (pair.empty()) continue;
        auto equals = pair.find('=');
        auto name = pair.substr(0, equals);
        auto value =
            equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
        pairs.emplace_back(percent_decode(name, true), percent_decode(value, true));
    }
    return pairs;
}

RequestContext::RequestContext(const Request& request, boost::asio::ip::tcp::endpoint remote)
    : request_(request), remote_(std::move(remote)) {
    std::string_view target = request_.target();
    auto question = target.find('?');
    path_ = target.substr(0, question);
    if (question != std::string_view::npos) raw_query_ = target.substr(question + 1);
    query_ = parse_query(raw_query_);
}

std::optional<std::string> RequestContext::query(std::string_view name) const {
    for (const auto& [key, value] : query_) {
        if (key != name) continue;
        // PostgreSQL would cut the value at a NUL and refuse invalid UTF-8 with an error.
        if (!core::is_valid_utf8(value) || value.find('\0') != std::string::npos) {
            throw HttpError::bad_request("query parameter " + std::string(name) +
                                         " is not valid UTF-8 text");
        }
        return value;
    }
    return std::nullopt;
}

const std::string& RequestContext::path_parameter(std::string_view name) const {
    auto found = path_parameters_.find(name);
    if (found == path_parameters_.end()) {
        throw std::logic_error("route has no path parameter {" + std::string(name) + "}");
    }
    return found->second;
}

}  // namespace dss::http
