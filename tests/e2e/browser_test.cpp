// The staff uploader in a real browser: Debian's chromium, driven by npm playwright-core
// (tests/browser/uploader_flow.js), against a real dss serve, SSO provider and data-flow
// stand-in. Screenshots of every page are kept in build/test-artefacts/browser.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "support/dataflow_peer.hpp"
#include "support/staff_site_fixture.hpp"

namespace dss::test {
namespace {

class Browser : public StaffSite {};

TEST_F(Browser, TheWholeUploaderFlowWithAndWithoutJavaScript) {
    DataflowPeer dataflow;
    start(dataflow.dss_settings());
    auto artefacts =
        std::filesystem::path(dss_binary()).parent_path() / "test-artefacts" / "browser";
    std::filesystem::remove_all(artefacts);
    std::filesystem::create_directories(artefacts);
    auto result =
        run_command({"/usr/bin/env", "node", "--test",
                     (source_directory() / "tests" / "browser" / "uploader_flow.js").string()},
                    {{"DSS_URL", "http://127.0.0.1:" + std::to_string(server->port())},
                     {"ARTEFACTS_DIR", artefacts.string()}},
                    std::chrono::minutes(7));
    EXPECT_EQ(result.exit_status, 0) << result.out << result.err << "\nserver log:\n"
                                     << server->process().standard_error();
    EXPECT_THAT(result.out, ::testing::HasSubstr("# pass 5"));
    // A screenshot of each page, for people to look at.
    std::size_t screenshots = 0;
    for (const auto& entry : std::filesystem::directory_iterator(artefacts)) {
        screenshots += entry.path().extension() == ".png" ? 1U : 0U;
    }
    EXPECT_GE(screenshots, 20U);
}

}  // namespace
}  // namespace dss::test
