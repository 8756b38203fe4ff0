// Route matching by path segments, and the single place where exceptions become statuses.
#include "http/router.hpp"

#include <optional>

#include "core/logging.hpp"
#include "core/utf8.hpp"
#include "db/errors.hpp"
#include "http/responses.hpp"

namespace dss::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    if (path.starts_with('/')) path.remove_prefix(1);
    while (true) {
        auto slash = path.find('/');
        segments.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

bool is_parameter(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "{path...}": the rest of the path, one or more segments.
bool is_rest_parameter(const std::string& segment) {
    return is_parameter(segment) && segment.ends_with("...}");
}

// A segment's value for a parameter: decoded, and refused when it could not name anything
// (a NUL byte would reach PostgreSQL cut short, public%00 is public; invalid UTF-8 is an
// error there; ".." would climb out of a folder).
std::optional<std::string> parameter_value(std::string_view segment) {
    auto value = percent_decode(segment, false);
    if (value.empty() || value == "." || value == ".." || !core::is_valid_utf8(value) ||
        core::has_control_characters(value)) {
        return std::nullopt;
    }
    return value;
}

// The segments from `first` on, each checked, joined with '/'.
std::optional<std::string> rest_value(const std::vector<std::string>& segments, std::size_t first) {
    std::string rest;
    for (auto s = first; s < segments.size(); ++s) {
        auto value = parameter_value(segments[s]);
        if (!value || value->find('/') != std::string::npos) return std::nullopt;
        if (!rest.empty()) rest += '/';
        rest += *value;
    }
    return rest;
}

}  // namespace

void Router::add(Route route) {
    segments_.push_back(split_path(route.pattern));
    routes_.push_back(std::move(route));
}

Router::Match Router::match(Verb method, std::string_view path) const {
    auto segments = split_path(path);
    Match result;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        const auto& pattern = segments_[i];
        bool has_rest = is_rest_parameter(pattern.back());
        if (has_rest ? segments.size() < pattern.size() : pattern.size() != segments.size()) {
            continue;
        }
        std::map<std::string, std::string, std::less<>> parameters;
        bool matched = true;
        for (std::size_t s = 0; s < pattern.size() && matched; ++s) {
            if (is_rest_parameter(pattern[s])) {
                auto value = rest_value(segments, s);
                matched = value.has_value();
                if (matched) parameters[pattern[s].substr(1, pattern[s].size() - 5)] = *value;
            } else if (is_parameter(pattern[s])) {
                auto value = parameter_value(segments[s]);
                matched = value.has_value();
                if (matched) parameters[pattern[s].substr(1, pattern[s].size() - 2)] = *value;
            } else {
                matched = pattern[s] == segments[s];
            }
        }
        if (!matched) continue;
        if (result.same_path == nullptr || !routes_[i].scope.empty())
            result.same_path = &routes_[i];
        result.allowed.push_back(routes_[i].method);
        if (routes_[i].method == method ||
            (method == Verb::head && routes_[i].method == Verb::get)) {
            result.route = &routes_[i];
            result.parameters = std::move(parameters);
            return result;
        }
    }
    return result;
}

Response respond(const Handler& handler, const RequestContext& context) {
    try {
        return handler(context);
    } catch (...) {
        return response_for_exception(std::current_exception(),
                                      std::string_view(context.request().method_string()),
                                      context.path());
    }
}

Response response_for_exception(const std::exception_ptr& thrown, std::string_view method,
                                std::string_view path) {
    try {
        std::rethrow_exception(thrown);
    } catch (const HttpError& error) {
        return error.to_response();
    } catch (const EarlyResponse& early) {
        return early.response();
    } catch (const db::ConnectionError& error) {
        DSS_LOG_ERROR("http", "{} {}: database unavailable: {}", method, path, error.what());
        return empty_response(Status::service_unavailable);
    } catch (const db::DatabaseError& error) {
        // statement_timeout, or cancelled at a shutdown deadline: the server is the cause.
        if (error.sqlstate() == db::sqlstate::kQueryCanceled) {
            core::logger("http")->warn("{} {}: {}", method, path, error.what());
            return json_response(Status::service_unavailable,
                                 {{"error", "the database did not answer in time"}});
        }
        DSS_LOG_ERROR("http", "{} {} failed: {}", method, path, error.what());
        return empty_response(Status::internal_server_error);
    } catch (const std::exception& error) {
        DSS_LOG_ERROR("http", "{} {} failed: {}", method, path, error.what());
        return empty_response(Status::internal_server_error);
    }
}

namespace {

std::string allow_header(const std::vector<Verb>& methods) {
    std::string allow;
    auto add = [&allow](Verb method) {
        auto name = std::string(beast_http::to_string(method));
        if (allow.find(name) != std::string::npos) return;
        allow += (allow.empty() ? "" : ", ") + name;
    };
    for (auto method : methods) {
        add(method);
        if (method == Verb::get) add(Verb::head);
    }
    return allow;
}

}  // namespace

RouteBody Router::body_of(Verb method, std::string_view target) const {
    auto found = match(method, target.substr(0, target.find('?')));
    if (found.route == nullptr) return {};
    return {found.route->body_limit, static_cast<bool>(found.route->open_body)};
}

StreamStart Router::open_stream(RequestContext& context) const {
    auto found = match(context.request().method(), context.path());
    if (found.route == nullptr || !found.route->open_body) {
        throw std::logic_error("no streamed route for " + std::string(context.path()));
    }
    context.set_path_parameters(std::move(found.parameters));
    StreamStart start;
    start.refusal = respond(
        [&](const RequestContext& c) {
            start.reader = found.route->open_body(c);
            if (!start.reader) throw std::logic_error("a body opener returned no reader");
            return Response{};
        },
        context);
    return start;
}

Response Router::handle(RequestContext& context) const {
    auto found = match(context.request().method(), context.path());
    if (found.route == nullptr && found.same_path == nullptr) {
        auto path = std::string(context.path());
        if (!path.ends_with('/')) {
            auto with_slash = match(context.request().method(), path + "/");
            if (with_slash.route != nullptr || with_slash.same_path != nullptr) {
                auto location = path + "/";
                if (!context.raw_query().empty()) location.append("?").append(context.raw_query());
                auto redirect = empty_response(Status::permanent_redirect);
                redirect.set(beast_http::field::location, location);
                return redirect;
            }
        }
        return json_response(Status::not_found, {{"error", "not found"}});
    }
    context.set_path_parameters(std::move(found.parameters));
    // A wrong method on a protected path is answered after authentication, like any other
    // check of the endpoint, so that unauthenticated callers learn nothing. Built only then:
    // the usual request pays nothing for it.
    std::optional<Route> method_not_allowed;
    if (found.route == nullptr) {
        method_not_allowed.emplace(Route{
            context.request().method(), "", found.same_path->scope,
            [allow = allow_header(found.allowed)](const RequestContext&) -> Response {
                auto response =
                    json_response(Status::method_not_allowed, {{"error", "method not allowed"}});
                response.set(beast_http::field::allow, allow);
                return response;
            }});
    }
    const Route& route = found.route != nullptr ? *found.route : *method_not_allowed;
    if (route.scope.empty()) return respond(route.handler, context);
    return respond(
        [this, &route](const RequestContext& c) {
            // Fail closed: a protected route must never run unguarded.
            if (!guard_)
                throw std::logic_error("route " + route.pattern + " has a scope but no guard");
            return guard_(route, c);
        },
        context);
}

}  // namespace dss::http
