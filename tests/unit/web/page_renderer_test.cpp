// Pages from the templates: models become Mustache data, escaped, inside the layout.
#include "web/page_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temporary_directory.hpp"
#include "web/html_responses.hpp"
#include "web/site_files.hpp"

namespace dss::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(PageRenderer, RendersAPageInsideTheLayoutAndEscapes) {
    test::TemporaryDirectory folder;
    folder.write("layout.mustache", "<title>{{title}}</title><main>{{{content}}}</main>");
    folder.write("page.mustache",
                 "{{#items}}<li>{{name}}</li>{{/items}}{{#error}}<p>{{error}}</p>{{/error}}"
                 "{{> footnote}}");
    folder.write("footnote.mustache", "<small>{{note}}</small>");
    PageRenderer pages(folder.path());
    auto html = pages.render("page", {{"title", "T & <b>"},
                                      {"items", {{{"name", "<script>"}}, {{"name", "b"}}}},
                                      {"error", ""},
                                      {"note", "n"}});
    EXPECT_EQ(html,
              "<title>T &amp; &lt;b&gt;</title><main><li>&lt;script&gt;</li><li>b</li>"
              "<small>n</small></main>");
    // An empty string is false: no empty error block.
    EXPECT_THAT(html, Not(HasSubstr("<p>")));
    EXPECT_THROW(pages.render("missing", {}), std::logic_error);
}

TEST(PageRenderer, ABrokenTemplateStopsItAtStart) {
    test::TemporaryDirectory folder;
    folder.write("layout.mustache", "{{{content}}}");
    folder.write("broken.mustache", "{{#open}} never closed");
    EXPECT_THROW(PageRenderer{folder.path()}, core::ConfigError);
    test::TemporaryDirectory no_layout;
    no_layout.write("page.mustache", "x");
    EXPECT_THROW(PageRenderer{no_layout.path()}, core::ConfigError);
}

TEST(PageRenderer, TheShippedTemplatesAllParse) {
    auto files = find_site_files();
    PageRenderer pages(files.templates);
    auto html = pages.render("home", {{"title", "Data Store Service"}, {"signed_in", true}});
    EXPECT_THAT(html, HasSubstr("<html lang=\"en\""));
    EXPECT_THAT(html, HasSubstr("/static/uploader.css"));
}

TEST(LocalPathOrRoot, OnlyPathsOnThisServer) {
    EXPECT_EQ(local_path_or_root("/upload/?a=1"), "/upload/?a=1");
    for (const auto* other : {"https://evil.example", "//evil.example", "/\\evil.example",
                              "evil.example", "", "/\t/evil", "javascript:alert(1)"}) {
        EXPECT_EQ(local_path_or_root(other), "/") << other;
    }
}

}  // namespace
}  // namespace dss::web
