// Route matching and the mapping of handler exceptions to statuses.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "db/errors.hpp"
#include "http/responses.hpp"

namespace dss::http {
namespace {

Response text(const std::string& body) {
    Response response{Status::ok, 11};
    response.body() = body;
    return response;
}

class RouterTest : public ::testing::Test {
   protected:
    Router router;
    void SetUp() override {
        router.add({Verb::get, "/healthcheck", "", [](const auto&) { return text("plain"); }});
        router.add({Verb::get, "/healthcheck/", "", [](const auto&) { return text("slash"); }});
        router.add(
            {Verb::get, "/api/v1/table-data/{schema}/{table}", "", [](const RequestContext& c) {
                 return text(c.path_parameter("schema") + "|" + c.path_parameter("table"));
             }});
        router.add({Verb::get, "/bad-request", "", [](const auto&) -> Response {
                        throw HttpError::bad_request("next-id must be an integer");
                    }});
        router.add({Verb::get, "/not-found", "", [](const auto&) -> Response {
                        throw HttpError(Status::not_found, nlohmann::json::object());
                    }});
        router.add({Verb::get, "/crash", "",
                    [](const auto&) -> Response { throw std::runtime_error("boom"); }});
        router.add({Verb::get, "/database-down", "",
                    [](const auto&) -> Response { throw db::ConnectionError("refused"); }});
        router.add(
            {Verb::get, "/protected", "some_scope", [](const auto&) { return text("secret"); }});
        router.add({Verb::get, "/static/{file...}", "",
                    [](const RequestContext& c) { return text(c.path_parameter("file")); }});
    }
    Response call(Verb method, const std::string& target) {
        Request request{method, target, 11};
        RequestContext context(request, {});
        return router.handle(context);
    }
};

TEST_F(RouterTest, TrailingSlashSelectsItsOwnRoute) {
    EXPECT_EQ(call(Verb::get, "/healthcheck").body(), "plain");
    EXPECT_EQ(call(Verb::get, "/healthcheck/").body(), "slash");
}

TEST_F(RouterTest, NamedSegmentsAreCapturedAndDecoded) {
    auto response = call(Verb::get, "/api/v1/table-data/ons.postcode_directory/L1?next-id=3");
    EXPECT_EQ(response.body(), "ons.postcode_directory|L1");
    EXPECT_EQ(call(Verb::get, "/api/v1/table-data/x%22%3B%20drop/y").body(), "x\"; drop|y");
}

TEST_F(RouterTest, RestParameterTakesTheRemainingSegments) {
    EXPECT_EQ(call(Verb::get, "/static/uploader.css").body(), "uploader.css");
    EXPECT_EQ(call(Verb::get, "/static/assets/fonts/light.woff2?v=1").body(),
              "assets/fonts/light.woff2");
    // Nothing that could climb out of a folder or hide a separator matches.
    for (const auto* target : {"/static/", "/static/../secret", "/static/a/../../b", "/static/a//b",
                               "/static/a%2Fb", "/static/%2e%2e/x"}) {
        EXPECT_EQ(call(Verb::get, target).result(), Status::not_found) << target;
    }
}

TEST_F(RouterTest, EmptySegmentDoesNotMatchAParameter) {
    EXPECT_EQ(call(Verb::get, "/api/v1/table-data//L1").result(), Status::not_found);
}

TEST_F(RouterTest, UnknownPathIsA404WithJson) {
    auto response = call(Verb::get, "/nowhere");
    EXPECT_EQ(response.result(), Status::not_found);
    EXPECT_EQ(nlohmann::json::parse(response.body())["error"], "not found");
    EXPECT_EQ(response[beast_http::field::content_type], "application/json");
}

TEST_F(RouterTest, KnownPathWithOtherMethodIsA405) {
    EXPECT_EQ(call(Verb::post, "/healthcheck").result(), Status::method_not_allowed);
}

TEST_F(RouterTest, HttpErrorBecomesItsStatusAndBody) {
    auto response = call(Verb::get, "/bad-request");
    EXPECT_EQ(response.result(), Status::bad_request);
    EXPECT_EQ(response.body(), R"({"error":"next-id must be an integer"})");
    auto missing = call(Verb::get, "/not-found");
    EXPECT_EQ(missing.result(), Status::not_found);
    EXPECT_EQ(missing.body(), "{}");
}

TEST_F(RouterTest, UnexpectedExceptionIsAnEmpty500) {
    auto response = call(Verb::get, "/crash");
    EXPECT_EQ(response.result(), Status::internal_server_error);
    EXPECT_EQ(response.body(), "");
}

TEST_F(RouterTest, UnreachableDatabaseIsA503) {
    EXPECT_EQ(call(Verb::get, "/database-down").result(), Status::service_unavailable);
}

TEST_F(RouterTest, ProtectedRouteWithoutGuardFailsClosed) {
    auto response = call(Verb::get, "/protected");
    EXPECT_EQ(response.result(), Status::internal_server_error);
    EXPECT_EQ(response.body(), "");
}

TEST_F(RouterTest, GuardRunsForScopedRoutesOnlyAndItsErrorsAreMapped) {
    std::vector<std::string> guarded;
    router.set_guard([&guarded](const Route& route, const RequestContext& context) -> Response {
        guarded.push_back(route.scope);
        if (context.query("key") != "right")
            throw HttpError(Status::unauthorized, nullptr, {{"WWW-Authenticate", "Hawk"}});
        return route.handler(context);
    });
    auto refused = call(Verb::get, "/protected?key=wrong");
    EXPECT_EQ(refused.result(), Status::unauthorized);
    EXPECT_EQ(refused[beast_http::field::www_authenticate], "Hawk");
    EXPECT_EQ(call(Verb::get, "/protected?key=right").body(), "secret");
    EXPECT_EQ(call(Verb::post, "/protected?key=wrong").result(), Status::unauthorized)
        << "authenticate before 405";
    EXPECT_EQ(call(Verb::post, "/protected?key=right").result(), Status::method_not_allowed);
    EXPECT_EQ(call(Verb::get, "/healthcheck").body(), "plain");
    EXPECT_EQ(guarded, std::vector<std::string>(4, "some_scope"));
}

}  // namespace
}  // namespace dss::http
