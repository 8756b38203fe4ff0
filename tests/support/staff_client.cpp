// The provider's redirect is followed with libcurl (dss's own client); everything at dss goes
// through the test HTTP connection so that status and headers are seen as they are.
#include "support/staff_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <istream>
#include <stdexcept>

#include "http/url_encoding.hpp"
#include "http_client/http_client.hpp"

namespace dss::test {
namespace {

std::string csrf_in(const std::string& html) {
    static const std::string kMarker = "name=\"csrf_token\" value=\"";
    auto at = html.find(kMarker);
    if (at == std::string::npos) return {};
    at += kMarker.size();
    return html.substr(at, html.find('"', at) - at);
}

}  // namespace

std::string multipart_body(const std::string& boundary,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const FilePart& file) {
    std::string body;
    for (const auto& [name, value] : fields) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                "\"\r\n\r\n" + value + "\r\n";
    }
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field +
            "\"; filename=\"" + file.filename + "\"\r\nContent-Type: text/csv\r\n\r\n" +
            file.content + "\r\n--" + boundary + "--\r\n";
    return body;
}

std::string streamed_upload(
    std::uint16_t port, const std::string& target, const std::string& cookie,
    const std::string& csrf, std::uint64_t content_bytes,
    const std::function<void(const std::function<void(std::string_view)>& send)>& write_content) {
    const std::string boundary = "streamed-upload-boundary";
    auto form = multipart_body(boundary, {{"csrf_token", csrf}}, {"csv_file", "big.csv", ""});
    // The body with an empty file, split where the content goes.
    auto tail_at = form.rfind("\r\n--" + boundary + "--");
    auto tail = form.substr(tail_at);
    form.resize(tail_at);
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    auto head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
                "\r\nContent-Type: multipart/form-data; boundary=" + boundary +
                "\r\nContent-Length: " + std::to_string(form.size() + content_bytes + tail.size()) +
                "\r\n\r\n" + form;
    boost::asio::write(socket, boost::asio::buffer(head));
    std::uint64_t sent = 0;
    write_content([&](std::string_view piece) {
        boost::asio::write(socket, boost::asio::buffer(piece.data(), piece.size()));
        sent += piece.size();
    });
    if (sent != content_bytes) throw std::logic_error("the upload's content has another length");
    boost::asio::write(socket, boost::asio::buffer(tail));
    boost::asio::streambuf response;
    boost::asio::read_until(socket, response, "\r\n");
    std::istream in(&response);
    std::string status;
    std::getline(in, status);
    return status;
}

std::string StaffClient::location(const HttpReply& reply) {
    auto found = reply.headers.find("location");
    return found == reply.headers.end() ? std::string() : found->second;
}

HttpReply StaffClient::send(boost::beast::http::verb method, const std::string& target,
                            const std::string& body, std::map<std::string, std::string> headers) {
    if (!cookie_.empty()) headers["Cookie"] = cookie_;
    HttpConnection connection(port_);
    auto reply = connection.request(method, target, body, headers);
    if (auto set = reply.headers.find("set-cookie"); set != reply.headers.end()) {
        auto value = set->second.substr(0, set->second.find(';'));
        cookie_ = set->second.find("Max-Age=0") != std::string::npos ? "" : value;
    }
    auto token = csrf_in(reply.body);
    if (!token.empty()) csrf_ = token;
    return reply;
}

HttpReply StaffClient::get(const std::string& target) {
    return send(boost::beast::http::verb::get, target, {}, {});
}

HttpReply StaffClient::post_form(const std::string& target,
                                 const std::vector<std::pair<std::string, std::string>>& fields,
                                 bool with_csrf) {
    auto all = fields;
    if (with_csrf) all.insert(all.begin(), {"csrf_token", csrf_});
    return send(boost::beast::http::verb::post, target, http::form_encode(all),
                {{"Content-Type", "application/x-www-form-urlencoded"}});
}

HttpReply StaffClient::post_multipart(
    const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
    const FilePart& file, bool with_csrf) {
    auto all = fields;
    if (with_csrf) all.insert(all.begin(), {"csrf_token", csrf_});
    const std::string boundary = "----dssTestBoundary7MA4YWxkTrZu0gW";
    return send(boost::beast::http::verb::post, target, multipart_body(boundary, all, file),
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
}

HttpReply StaffClient::follow(HttpReply reply) {
    for (int hops = 0; hops < 10; ++hops) {
        auto target = location(reply);
        if (reply.status < 300 || reply.status >= 400 || !target.starts_with('/')) return reply;
        reply = get(target);
    }
    throw std::runtime_error("more than 10 redirects");
}

HttpReply StaffClient::sign_in(const std::string& next) {
    auto login = get("/login?next=" + next);
    if (login.status != 302) throw std::runtime_error("/login answered " + login.body);
    http_client::ClientRequest authorize;
    authorize.url = location(login);
    auto provider = http_client::send_request(authorize);
    if (provider.status != 302) {
        throw std::runtime_error("the provider answered " + std::to_string(provider.status));
    }
    auto back = provider.header("Location");
    auto path = back.find("/login/authorised");
    if (path == std::string::npos) throw std::runtime_error("the provider sent us to " + back);
    return get(back.substr(path));
}

}  // namespace dss::test
