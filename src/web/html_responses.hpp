// Responses of the staff pages: HTML with the headers every page carries, and redirects.
#pragma once

#include <string>
#include <string_view>

#include "http/request_context.hpp"

namespace dss::web {

// text/html, no framing, scripts and styles only from this server (the pages have no inline
// script), never cached: pages show personal and changing data.
http::Response html_response(http::Status status, std::string body);

// 303 after a form post, 302 otherwise; `location` is a local path or the provider's URL.
http::Response redirect_to(std::string_view location,
                           http::Status status = http::Status::see_other);

// `next` when it is a path on this server ("/upload/?x=1"), else "/": never another site
// ("//evil.example", "https://evil.example", "/\\evil.example").
std::string local_path_or_root(std::string_view next);

}  // namespace dss::web
