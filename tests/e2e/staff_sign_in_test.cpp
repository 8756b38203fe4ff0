// Staff sign-in against a real OAuth2 provider (npm oauth2-mock-server): the round trip, its
// refusals, the session cookie, CSRF, and pages that need a signed-in user.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "support/silent_server.hpp"
#include "support/staff_site_fixture.hpp"

namespace dss::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class StaffSignIn : public StaffSite {};

TEST_F(StaffSignIn, SignsInThroughTheProviderAndOut) {
    start();
    StaffClient client(server->port());
    auto login = client.get("/login?next=/upload/");
    ASSERT_EQ(login.status, 302);
    auto authorize = StaffClient::location(login);
    EXPECT_THAT(authorize, StartsWith(sso->url() + "/authorize?response_type=code"));
    EXPECT_THAT(authorize, HasSubstr("client_id=dss-test-client"));
    EXPECT_THAT(authorize, HasSubstr("redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
    EXPECT_THAT(authorize, HasSubstr("state="));
    // The session cookie is sealed and guarded.
    EXPECT_THAT(login.headers["set-cookie"], HasSubstr("HttpOnly"));
    EXPECT_THAT(login.headers["set-cookie"], HasSubstr("SameSite=Lax"));
    EXPECT_THAT(login.headers["set-cookie"], Not(HasSubstr("Secure")));

    StaffClient signed_in(server->port());
    auto back = signed_in.sign_in("/upload/");
    EXPECT_EQ(back.status, 302);
    EXPECT_EQ(StaffClient::location(back), "/upload/");
    auto page = signed_in.get("/upload/");
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("Add new dataset"));
    EXPECT_THAT(page.body, HasSubstr("Sam Staff"));
    // The token never reaches the browser in the clear.
    EXPECT_THAT(signed_in.cookie(), Not(HasSubstr("eyJ")));

    auto logout = signed_in.get("/logout");
    EXPECT_EQ(logout.status, 302);
    EXPECT_EQ(StaffClient::location(logout), sso->url() + "/endsession");
    EXPECT_EQ(signed_in.cookie(), "");
    EXPECT_EQ(signed_in.get("/upload/").status, 302);
}

TEST_F(StaffSignIn, BehindAnHttpsProxyTheCookieIsSecureAndTheReturnAddressHttps) {
    start({{"DSS_TRUST_PROXY", "True"}});
    HttpConnection proxied(server->port());
    auto login = proxied.get("/login?next=/upload/", {{"X-Forwarded-Proto", "https"},
                                                      {"X-Forwarded-Host", "dss.example.gov.uk"}});
    EXPECT_EQ(login.status, 302);
    EXPECT_THAT(login.headers["set-cookie"], HasSubstr("; Secure"));
    EXPECT_THAT(login.headers["location"],
                HasSubstr("redirect_uri=https%3A%2F%2Fdss.example.gov.uk%2Flogin%2Fauthorised"));
}

TEST_F(StaffSignIn, EveryUploaderPageWithoutASessionGoesToSignIn) {
    start();
    const std::string some_file = "00000000-0000-0000-0000-000000000000";
    const std::vector<std::string> targets = {"/",
                                              "/upload/",
                                              "/upload/create/",
                                              "/upload/created/x/",
                                              "/upload/data/x/",
                                              "/upload/data/x/verify/" + some_file + "/",
                                              "/upload/data/x/uploaded/" + some_file + "/",
                                              "/upload/data/x/uploaded/" + some_file + "/failed/",
                                              "/upload/progress/" + some_file + "/",
                                              "/upload/data/x/restore/" + some_file + "/"};
    for (const auto& target : targets) {
        auto reply = http_get(server->port(), target);
        EXPECT_EQ(reply.status, 302) << target;
        EXPECT_THAT(reply.headers["location"], StartsWith("/login?next=")) << target;
    }
    // Posts too, the restore and the upload included.
    HttpConnection anonymous(server->port());
    auto restore = anonymous.request(boost::beast::http::verb::post,
                                     "/upload/data/x/restore/" + some_file + "/", "action=restore",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(restore.status, 302);
    auto upload = anonymous.request(boost::beast::http::verb::post, "/upload/data/x/",
                                    multipart_body("b", {}, {"csv_file", "a.csv", "a\n1\n"}),
                                    {{"Content-Type", "multipart/form-data; boundary=b"}});
    EXPECT_EQ(upload.status, 302);
    EXPECT_EQ(upload.headers["location"], "/login?next=/upload/data/x/");
    // A forged cookie is no session.
    auto forged = HttpConnection(server->port())
                      .get("/upload/", {{"Cookie", "dss_session=v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAA"}});
    EXPECT_EQ(forged.status, 302);
}

TEST_F(StaffSignIn, AWrongStateIsRefused) {
    start();
    StaffClient client(server->port());
    ASSERT_EQ(client.get("/login?next=/upload/").status, 302);
    auto reply = client.get("/login/authorised?code=some-code&state=not-the-one-sent");
    EXPECT_EQ(reply.status, 400);
    EXPECT_THAT(reply.body, HasSubstr("state did not match"));
    EXPECT_EQ(client.get("/upload/").status, 302);
    // Without any sign-in started there is no state to match either.
    StaffClient stranger(server->port());
    EXPECT_EQ(stranger.get("/login/authorised?code=c&state=s").status, 400);
}

TEST_F(StaffSignIn, AProviderErrorIsShownAsAccessDenied) {
    start();
    StaffClient client(server->port());
    auto login = client.get("/login");
    auto location = StaffClient::location(login);
    auto state = location.substr(location.find("state=") + 6);
    auto reply = client.get(
        "/login/authorised?error=access_denied&error_description=user+said+no&state=" + state);
    EXPECT_EQ(reply.status, 403);
    EXPECT_THAT(reply.body, HasSubstr("Access denied: reason=access_denied error=user said no"));
    // An error in a return whose state is not this browser's is not echoed.
    client.get("/login");
    auto forged = client.get("/login/authorised?error=x&error_description=planted+text&state=nope");
    EXPECT_EQ(forged.status, 400);
    EXPECT_THAT(forged.body, Not(HasSubstr("planted text")));
    // A return without a code, with the right state, is no sign-in either.
    auto again = StaffClient::location(client.get("/login"));
    auto no_code = client.get("/login/authorised?state=" + again.substr(again.find("state=") + 6));
    EXPECT_EQ(no_code.status, 403);
    EXPECT_EQ(client.get("/upload/").status, 302);
}

TEST_F(StaffSignIn, AnExpiredTokenEndsTheSession) {
    start({{"DSS_SSO_PROFILE_CACHE", "0"}}, {{"SSO_TOKEN_LIFETIME", "2"}});
    auto client = signed_in_client();
    EXPECT_EQ(client.get("/upload/").status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    auto reply = client.get("/upload/");
    EXPECT_EQ(reply.status, 302);
    EXPECT_EQ(reply.headers["location"], "/login?next=/upload/");
}

TEST_F(StaffSignIn, TheProfileAnswerIsCachedBriefly) {
    start();
    auto client = signed_in_client();
    for (int i = 0; i < 5; ++i) ASSERT_EQ(client.get("/upload/").status, 200);
    EXPECT_EQ(sso->profile_requests(), 1);
}

TEST_F(StaffSignIn, ABrokenProviderIsA503NotAnError) {
    start({}, {{"SSO_USERINFO_STATUS", "500"}});
    StaffClient client(server->port());
    client.sign_in("/");
    auto reply = client.get("/upload/");
    EXPECT_EQ(reply.status, 503);
    EXPECT_THAT(reply.body, HasSubstr("Signing in is not possible at the moment"));
}

TEST_F(StaffSignIn, AProviderThatHangsIsGivenUpOnWithA503) {
    SilentServer silent;
    start({{"AUTHBROKER_URL", silent.url("http")}, {"DSS_SSO_TIMEOUT", "1"}});
    StaffClient client(server->port());
    auto login = client.get("/login");
    auto location = StaffClient::location(login);
    auto state = location.substr(location.find("state=") + 6);
    auto started = std::chrono::steady_clock::now();
    auto reply = client.get("/login/authorised?code=c&state=" + state);
    EXPECT_EQ(reply.status, 503);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
    EXPECT_EQ(client.get("/upload/").status, 302);
}

TEST_F(StaffSignIn, NextOnlyEverLeadsToALocalPath) {
    start();
    for (const std::string next :
         {"https://evil.example/", "//evil.example/x", "/\\evil.example"}) {
        StaffClient client(server->port());
        auto reply = client.sign_in(next);
        EXPECT_EQ(reply.status, 302) << next;
        EXPECT_EQ(StaffClient::location(reply), "/") << next;
    }
    StaffClient client(server->port());
    EXPECT_EQ(StaffClient::location(client.sign_in("/upload/create/")), "/upload/create/");
}

TEST_F(StaffSignIn, AFormWithoutItsCsrfTokenIsRefused) {
    start();
    auto client = signed_in_client();
    ASSERT_EQ(client.get("/upload/create/").status, 200);
    auto without =
        client.post_form("/upload/create/", {{"organisation", "dit"}, {"dataset", "x"}}, false);
    EXPECT_EQ(without.status, 400);
    EXPECT_THAT(without.body, HasSubstr("security token"));
    auto wrong = client.post_form(
        "/upload/create/", {{"csrf_token", "forged"}, {"organisation", "dit"}, {"dataset", "x"}},
        false);
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline"), (std::vector<std::string>{"0"}));
    // With it, the same form works.
    auto with = client.post_form("/upload/create/", {{"organisation", "dit"}, {"dataset", "x"}});
    EXPECT_EQ(with.status, 303);
}

// A cookie planted before sign-in (someone else's, whose CSRF token they know) does not keep its
// token through the victim's sign-in.
TEST_F(StaffSignIn, SigningInStartsANewSessionWithANewCsrfToken) {
    start();
    auto client = signed_in_client();
    ASSERT_EQ(client.get("/upload/create/").status, 200);
    auto planted = client.csrf_token();
    ASSERT_FALSE(planted.empty());
    ASSERT_EQ(client.sign_in("/").status, 302);
    auto stale = client.post_form(
        "/upload/create/", {{"csrf_token", planted}, {"organisation", "dit"}, {"dataset", "x"}},
        false);
    EXPECT_EQ(stale.status, 400);
    EXPECT_EQ(rows("SELECT count(*) FROM public.pipeline"), (std::vector<std::string>{"0"}));
    ASSERT_EQ(client.get("/upload/create/").status, 200);
    EXPECT_NE(client.csrf_token(), planted);
}

}  // namespace
}  // namespace dss::test
