// Every page but sign-in itself and the static assets is behind staff_only().
#include "web/site_routes.hpp"

#include <array>

#include "http/responses.hpp"
#include "web/pipeline_pages.hpp"
#include "web/progress_pages.hpp"
#include "web/restore_page.hpp"
#include "web/sso_routes.hpp"
#include "web/static_files.hpp"
#include "web/upload_page.hpp"
#include "web/upload_receiver.hpp"
#include "web/verify_page.hpp"

namespace dss::web {
namespace {

// Forms of a few fields: the CSRF token, a choice, two names, the column types of a wide file.
constexpr std::size_t kFormLimit = std::size_t{256} * 1024;

using PageFunction = http::Response (*)(SiteServices&, StaffRequest&);

struct PageRoute {
    http::Verb method;
    const char* pattern;
    PageFunction page;
};

constexpr std::array<PageRoute, 14> kPages = {{
    {http::Verb::get, "/", home_page},
    {http::Verb::get, "/upload/", pipeline_select_page},
    {http::Verb::post, "/upload/", pipeline_select_page},
    {http::Verb::get, "/upload/create/", pipeline_create_page},
    {http::Verb::post, "/upload/create/", pipeline_create_page},
    {http::Verb::get, "/upload/created/{slug}/", pipeline_created_page},
    {http::Verb::get, "/upload/data/{slug}/", upload_page},
    {http::Verb::get, "/upload/data/{slug}/verify/{file_id}/", verify_page},
    {http::Verb::post, "/upload/data/{slug}/verify/{file_id}/", verify_page},
    {http::Verb::get, "/upload/data/{slug}/uploaded/{file_id}/", uploaded_page},
    {http::Verb::get, "/upload/data/{slug}/uploaded/{file_id}/failed/", failed_page},
    {http::Verb::get, "/upload/progress/{file_id}/", progress_json},
    {http::Verb::get, "/upload/data/{slug}/restore/{file_id}/", restore_page},
    {http::Verb::post, "/upload/data/{slug}/restore/{file_id}/", restore_page},
}};

}  // namespace

void add_site_routes(http::Router& router, SiteServices& services, const SiteFiles& files) {
    add_sso_routes(router, services);
    for (const auto& route : kPages) {
        auto handler = staff_only(services, [&services, page = route.page](StaffRequest& r) {
            return page(services, r);
        });
        router.add({route.method, route.pattern, "", std::move(handler),
                    route.method == http::Verb::post ? kFormLimit : 0});
    }
    // The upload streams: its body limit is the uploader's, past the server's ceiling.
    // A post without a body (no file at all) is not streamed: it gets the form's refusal.
    auto no_body = staff_only(services, [](StaffRequest&) -> http::Response {
        throw http::HttpError::bad_request("the upload must be sent as multipart/form-data");
    });
    router.add({http::Verb::post, "/upload/data/{slug}/", "", no_body,
                static_cast<std::size_t>(services.settings.uploader.max_upload_bytes),
                upload_receiver(services)});
    router.add({http::Verb::get, "/static/{file...}", "", static_files(files.assets)});
    router.add({http::Verb::get, "/assets/{file...}", "", static_files(files.assets / "assets")});
}

}  // namespace dss::web
