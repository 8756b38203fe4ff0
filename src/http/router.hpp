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
    Verb method;
    std::string pattern;  // "/api/v1/table-data/{schema}/{table}"; a trailing '/' matters
    std::string scope;    // Hawk scope name; empty: public (no authentication)
    Handler handler;
};

class Router {
   public:
    void add(Route route);

    // Finds the route, runs it, and maps every exception to a status: HttpError to its own,
    // database unavailability to 503, anything else to 500 (logged with its cause).
    Response handle(RequestContext& context) const;

    const std::vector<Route>& routes() const { return routes_; }

   private:
    struct Match {
        const Route* route = nullptr;
        std::map<std::string, std::string, std::less<>> parameters;
        bool path_known = false;  // some route has this path, with another method
    };
    Match match(Verb method, std::string_view path) const;

    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> segments_;  // routes_[i]'s pattern, split on '/'
};

}  // namespace dss::http
