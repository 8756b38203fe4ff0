// A browser's part in the staff pages, for end-to-end tests without a browser: one cookie
// (the session), the sign-in round trip through the SSO provider, form posts with the page's
// CSRF token, and multipart uploads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace dss::test {

struct FilePart {
    std::string field;
    std::string filename;
    std::string content;
};

class StaffClient {
   public:
    explicit StaffClient(std::uint16_t port) : port_(port) {}

    // /login?next=<next>, the provider's /authorize, back to /login/authorised: the reply
    // of the last step (a redirect to `next` when all went well).
    HttpReply sign_in(const std::string& next = "/");

    // A request with the session cookie; the cookie is updated from the reply. The last HTML
    // page's CSRF token is remembered.
    HttpReply get(const std::string& target);
    // A urlencoded form; the remembered CSRF token is added unless `with_csrf` is false.
    HttpReply post_form(const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& fields,
                        bool with_csrf = true);
    HttpReply post_multipart(const std::string& target,
                             const std::vector<std::pair<std::string, std::string>>& fields,
                             const FilePart& file, bool with_csrf = true);
    // Follows redirects within dss from `reply` (at most 10).
    HttpReply follow(HttpReply reply);

    const std::string& cookie() const { return cookie_; }
    void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
    const std::string& csrf_token() const { return csrf_; }

    // "Location" of a redirect, made relative to dss when it points at it.
    static std::string location(const HttpReply& reply);

   private:
    HttpReply send(boost::beast::http::verb method, const std::string& target,
                   const std::string& body, std::map<std::string, std::string> headers);

    std::uint16_t port_;
    std::string cookie_;  // "dss_session=..."
    std::string csrf_;
};

// POSTs a multipart upload (the CSRF token, then the file `big.csv`) whose file content of
// exactly `content_bytes` is produced by `write_content` piece by piece, on a connection of its
// own: uploads of gigabytes without holding them. Returns the response's status line.
std::string streamed_upload(
    std::uint16_t port, const std::string& target, const std::string& cookie,
    const std::string& csrf, std::uint64_t content_bytes,
    const std::function<void(const std::function<void(std::string_view)>& send)>& write_content);

// The multipart/form-data body a browser sends for these fields and file, in this order.
std::string multipart_body(const std::string& boundary,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const FilePart& file);

}  // namespace dss::test
