// next URLs and the query parameters of paginated endpoints.
#include "api/pagination.hpp"

#include <gtest/gtest.h>

#include "http/responses.hpp"

namespace dss::api {
namespace {

http::Request request_with(const std::string& target,
                           const std::map<std::string, std::string>& headers) {
    http::Request request{http::Verb::get, target, 11};
    for (const auto& [name, value] : headers) request.set(name, value);
    return request;
}

TEST(NextUrl, UsesTheHostHeaderAndThePathWithoutQuery) {
    auto request =
        request_with("/api/v1/get-ons-postcodes/?next-id=5", {{"Host", "dss.example:5050"}});
    http::RequestContext context(request, {});
    EXPECT_EQ(request_base_url(context, false),
              "http://dss.example:5050/api/v1/get-ons-postcodes/");
}

TEST(NextUrl, ForwardedHeadersCountOnlyWhenTheProxyIsTrusted) {
    auto request =
        request_with("/api/v1/x/", {{"Host", "10.0.0.7:5050"},
                                    {"X-Forwarded-Proto", "https"},
                                    {"X-Forwarded-Host", "data.trade.example, internal"}});
    http::RequestContext context(request, {});
    EXPECT_EQ(request_base_url(context, false), "http://10.0.0.7:5050/api/v1/x/");
    EXPECT_EQ(request_base_url(context, true), "https://data.trade.example/api/v1/x/");
}

std::string bad_request(const std::string& target) {
    auto request = request_with(target, {});
    http::RequestContext context(request, {});
    try {
        parse_page_request(context);
    } catch (const http::HttpError& error) {
        return error.body()["error"];
    }
    return "accepted";
}

TEST(PageRequest, ParsesOrientationAndNextId) {
    auto request = request_with("/x?orientation=records&next-id=-3", {});
    http::RequestContext context(request, {});
    auto page = parse_page_request(context);
    EXPECT_EQ(page.orientation, Orientation::records);
    EXPECT_EQ(page.next_id, -3);
}

TEST(PageRequest, RefusesBadValuesWithTheContractMessages) {
    EXPECT_EQ(bad_request("/x?next-id=abc"), "next-id must be an integer");
    EXPECT_EQ(bad_request("/x?next-id=1.5"), "next-id must be an integer");
    EXPECT_EQ(bad_request("/x?next-id="), "next-id must be an integer");
    EXPECT_EQ(bad_request("/x?next-id=99999999999999999999"), "next-id must be an integer");
    EXPECT_EQ(bad_request("/x?orientation=columns"), "orientation must be tabular or records");
    EXPECT_EQ(bad_request("/x?orientation=tabular&next-id=10"), "accepted");
}

}  // namespace
}  // namespace dss::api
