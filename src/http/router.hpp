// The route table: method, path pattern with {named} segments, scope, handler. Exceptions from
// handlers become HTTP statuses here and nowhere else.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "http/body_reader.hpp"
#include "http/request_context.hpp"

namespace dss::http {

using Handler = std::function<Response(const RequestContext&)>;

struct Route {
    Verb method;  // a GET route answers HEAD too
    // "/api/v1/table-data/{schema}/{table}"; a trailing '/' matters. A last segment
    // "{name...}" takes the rest of the path, one or more segments, joined with '/'.
    std::string pattern;
    std::string scope;  // Hawk scope name; empty: public (no authentication)
    Handler handler;
    // The largest request body the route takes, under the server's ceiling; 0: none, and a
    // request that announces one is refused before its body is read.
    std::size_t body_limit = 0;
    // Given: the body is streamed to the reader this makes instead of being read into the
    // request, and `handler` is not used; body_limit may then pass the server's ceiling.
    BodyOpener open_body{};
};

struct RouteBody {
    std::size_t limit = 0;
    bool streamed = false;
};

// A streamed route's start: the reader of its body, or the response refusing the request.
struct StreamStart {
    std::unique_ptr<BodyReader> reader;
    Response refusal;
};

// Runs `handler`, turning its exceptions into responses: HttpError to its own status, database
// unavailability and statements cancelled for taking too long to 503, anything else to 500
// (logged with its cause). The one place where exceptions become statuses.
Response respond(const Handler& handler, const RequestContext& context);
// The response for an exception thrown while answering `method path`, as respond() maps it;
// for work done outside a handler (a streamed body's pieces).
Response response_for_exception(const std::exception_ptr& thrown, std::string_view method,
                                std::string_view path);

class Router {
   public:
    // Runs instead of the handler for routes with a scope: authenticates, checks the scope, then
    // calls route.handler (through respond()) and may sign the response.
    using Guard = std::function<Response(const Route& route, const RequestContext& context)>;

    void add(Route route);
    void set_guard(Guard guard) { guard_ = std::move(guard); }

    // Finds the route and runs it (through the guard when it has a scope). A path that exists
    // only with a trailing '/' is redirected there (308, as Flask did); a path that exists for
    // other methods is 405 with Allow.
    Response handle(RequestContext& context) const;
    // The body the route `method target` leads to takes; a limit of 0 when none matches.
    RouteBody body_of(Verb method, std::string_view target) const;
    // For a streamed route: runs its opener, exceptions becoming the refusal as in respond().
    StreamStart open_stream(RequestContext& context) const;

    const std::vector<Route>& routes() const { return routes_; }

   private:
    struct Match {
        const Route* route = nullptr;
        std::map<std::string, std::string, std::less<>> parameters;
        const Route* same_path = nullptr;  // a route with this path but another method
        std::vector<Verb> allowed;         // the methods routes of this path take
    };
    Match match(Verb method, std::string_view path) const;

    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> segments_;
    Guard guard_;  // routes_[i]'s pattern, split on '/'
};

}  // namespace dss::http
