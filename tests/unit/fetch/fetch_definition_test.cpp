// Fetch definitions are configuration: mistakes stop dss with the file, source and key named.
#include "fetch/fetch_definition.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/child_process.hpp"
#include "support/temporary_directory.hpp"

namespace dss::fetch {
namespace {

using ::testing::HasSubstr;

std::string rejection(const std::string& yaml) {
    test::TemporaryDirectory folder;
    try {
        load_fetch_definitions(folder.write("sources.yml", yaml));
    } catch (const core::ConfigError& error) {
        return error.what();
    }
    return "accepted";
}

constexpr const char* kGood =
    "sources:\n  hmrc.exporters:\n    listing_url: https://example.com/x\n"
    "    link_pattern: 'exporters(?P<date>\\d{4})\\.zip$'\n    date_format: '%y%m'\n"
    "    file_name: 'exporters{date}.zip'\n";

TEST(FetchDefinitions, TheShippedFileLoads) {
    auto definitions = load_fetch_definitions(test::source_directory() / "config/sources.yml");
    ASSERT_EQ(definitions.size(), 3U);
    EXPECT_EQ(definitions[0].source, "companies_house.accounts_legacy");
    EXPECT_EQ(definitions[2].file_date_format, "%b_%Y");
    EXPECT_TRUE(definitions[2].file_date_upper_case);
}

TEST(FetchDefinitions, MistakesAreRefusedNamingSourceAndKey) {
    EXPECT_EQ(rejection(kGood), "accepted");
    auto with = [](const std::string& from, const std::string& to) {
        std::string yaml = kGood;
        yaml.replace(yaml.find(from), from.size(), to);
        return rejection(yaml);
    };
    EXPECT_THAT(with("exporters(?P<date>", "exporters(?P<day>"),
                HasSubstr("source hmrc.exporters: link_pattern needs a group (?P<date>...)"));
    EXPECT_THAT(with("\\.zip$'", "[.zip'"), HasSubstr("link_pattern is not a valid pattern"));
    EXPECT_THAT(with("'%y%m'", "'%y%j'"), HasSubstr("date_format '%y%j' may use"));
    EXPECT_THAT(with("exporters{date}.zip", "exporters.zip"), HasSubstr("file_name needs {date}"));
    EXPECT_THAT(with("https://example.com/x", "ftp://example.com/x"),
                HasSubstr("listing_url must be an http(s) URL"));
    EXPECT_THAT(with("    date_format", "    latest: true\n    date_format"),
                HasSubstr("unknown key latest"));
    EXPECT_THAT(with("    listing_url: https://example.com/x\n", ""),
                HasSubstr("source hmrc.exporters needs listing_url"));
    EXPECT_THAT(rejection("sources: [\n"), HasSubstr("not valid YAML"));
    EXPECT_THAT(rejection("other: 1\n"), HasSubstr("needs a mapping `sources`"));
}

}  // namespace
}  // namespace dss::fetch
