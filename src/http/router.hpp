// The route table: method, path pattern with {named} segments, scope, handler. Exceptions from
// handlers become HTTP statuses here and nowhere else.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request_context.hpp"

namespace dss::http {

using Handler = std::function<Response(const RequestContext&)>;

struct Route {
    Verb method;          // a GET route answers HEAD too
    std::string pattern;  // "/api/v1/table-data/{schema}/{table}"; a trailing '/' matters
    std::string scope;    // Hawk scope name; empty: public (no authentication)
    Handler handler;
    // The largest request body the route takes, under the server's ceiling; 0: none, and a
    // request that announces one is refused before its body is read.
    std::size_t body_limit = 0;
};

// Runs `handler`, turning its exceptions into responses: HttpError to its own status, database
// unavailability and statements cancelled for taking too long to 503, anything else to 500
// (logged with its cause). The one place where exceptions become statuses.
Response respond(const Handler& handler, const RequestContext& context);

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
    // The body limit of the route `method target` leads to; 0 when none matches.
    std::size_t body_limit(Verb method, std::string_view target) const;

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
