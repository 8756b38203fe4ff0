// Source definitions as data: the shipped ones load, and mistakes are refused naming the file.
#include "pipelines/source_definition.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "core/errors.hpp"
#include "support/child_process.hpp"
#include "support/temporary_directory.hpp"

namespace dss::pipelines {
namespace {

using ::testing::HasSubstr;

const SourceDefinition& find(const std::vector<SourceDefinition>& sources, const std::string& id) {
    auto found = std::find_if(sources.begin(), sources.end(),
                              [&](const auto& source) { return source.id == id; });
    if (found == sources.end()) throw std::runtime_error("no source " + id);
    return *found;
}

TEST(SourceDefinitions, TheShippedSourcesLoad) {
    auto sources = load_source_definitions(test::source_directory() / "config/sources");
    for (const auto* id :
         {"ons.postcode_directory", "dit.reference_postcodes", "dit.baci",
          "dit.eu_country_membership", "comtrade.country_code_and_iso", "world_bank.bound_rates",
          "world_bank.tariff", "companies_house.accounts_legacy", "hmrc.exporters"}) {
        EXPECT_NO_THROW(find(sources, id)) << id;
    }
    // --all runs them in the reference's order.
    std::vector<std::string> ids;
    for (const auto& source : sources) ids.push_back(source.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"ons.postcode_directory", "dit.reference_postcodes",
                                             "dit.baci", "dit.eu_country_membership",
                                             "comtrade.country_code_and_iso",
                                             "world_bank.bound_rates", "world_bank.tariff",
                                             "companies_house.accounts_legacy", "hmrc.exporters"}));
    const auto& accounts = find(sources, "companies_house.accounts_legacy");
    EXPECT_EQ(accounts.reader.format, FileFormat::xbrl_accounts);
    EXPECT_EQ(accounts.kind, PipelineKind::l0_incremental);
    EXPECT_STREQ(accounts.final_table(), "L0");
    const auto& hmrc = find(sources, "hmrc.exporters");
    EXPECT_EQ(hmrc.reader.format, FileFormat::hmrc_exporters);
    EXPECT_FALSE(hmrc.reader.force_null);
    const auto& eu = find(sources, "dit.eu_country_membership");
    EXPECT_EQ(eu.l0_columns.size(), 63U);
    EXPECT_EQ(eu.l0_columns[2].name, "1958");
    EXPECT_EQ(eu.l0_columns.back().name, "2018");
    EXPECT_FALSE(eu.l1_unique_source_row);
    EXPECT_TRUE(find(sources, "dit.baci").l1_unique_source_row);
    EXPECT_EQ(find(sources, "comtrade.country_code_and_iso").reader.encoding, "WIN1252");
}

std::string rejection(const std::string& yaml) {
    test::TemporaryDirectory directory;
    directory.write("bad.yml", yaml);
    try {
        load_source_definitions(directory.path());
    } catch (const core::ConfigError& error) {
        return error.what();
    }
    return "accepted";
}

constexpr const char* kHead = "id: x.y\nsub_directory: x/y\n";

TEST(SourceDefinitions, SourcesWithoutAnOrderRunLast) {
    test::TemporaryDirectory directory;
    directory.write("a.yml", std::string("id: a.first\nsub_directory: a\nkind: l0_incremental\n") +
                                 "l0_columns:\n  - {name: a, type: text}\n");
    directory.write("b.yml", std::string("id: b.second\norder: 1\nsub_directory: b\n") +
                                 "kind: l0_incremental\nl0_columns:\n  - {name: a, type: text}\n");
    auto sources = load_source_definitions(directory.path());
    ASSERT_EQ(sources.size(), 2U);
    EXPECT_EQ(sources[0].id, "b.second");
    EXPECT_EQ(sources[1].id, "a.first");
}

TEST(SourceDefinitions, MistakesAreRefusedNamingFileAndField) {
    EXPECT_THAT(rejection(std::string(kHead) +
                          "kind: l0_incremental\nl0_columns:\n  - {name: a, type: money}\n"),
                HasSubstr("bad.yml: column a has unsupported type 'money'"));
    EXPECT_THAT(rejection(std::string(kHead) +
                          "kind: l0_incremental\nl0_columns:\n  - {name: a\"b, type: text}\n"),
                HasSubstr("column name 'a\"b' must be letters, digits and _"));
    EXPECT_THAT(
        rejection(std::string(kHead) + "kind: l2\nl0_columns:\n  - {name: a, type: text}\n"),
        HasSubstr("unknown kind 'l2'"));
    EXPECT_THAT(rejection(std::string(kHead) +
                          "kind: l1_incremental\nl0_columns:\n  - {name: a, type: text}\n"
                          "l1_columns:\n  - {name: b, type: text}\n"),
                HasSubstr("l1 column b comes from no l0 column"));
    EXPECT_THAT(rejection(std::string(kHead) +
                          "kind: l1_snapshot\nl0_columns:\n  - {name: a, type: text}\n"
                          "l1_columns:\n  - {name: a, type: text}\nl1_unique_source_row: false\n"),
                HasSubstr("l1_unique_source_row: false needs an l1_step"));
    EXPECT_THAT(rejection(std::string(kHead) + "order: first\nkind: l0_incremental\n"
                                               "l0_columns:\n  - {name: a, type: text}\n"),
                HasSubstr("order must be a whole number"));
    EXPECT_THAT(rejection(std::string(kHead) + "kind: l1_incremental\nreader:\n  parameters:\n"
                                               "    month: {group: date, format: month_year}\n"
                                               "l0_columns:\n  - {name: a, type: text}\n"
                                               "l1_columns:\n  - {name: a, type: text}\n"),
                HasSubstr("parameter month is used by no l1 expression"));
    EXPECT_THAT(rejection("id: [\n"), HasSubstr("not valid YAML: line"));
    // The HMRC reader's output is fixed: a header or NULLs for empty values would corrupt it.
    EXPECT_THAT(
        rejection(std::string(kHead) + "kind: l0_incremental\nreader:\n  format: hmrc_exporters\n"
                                       "l0_columns:\n  - {name: a, type: text}\n"),
        HasSubstr("reader.format hmrc_exporters needs header: false"));
    // Readers that write their own CSV load straight into L0: no snapshot kind.
    EXPECT_THAT(
        rejection(std::string(kHead) + "kind: l0_snapshot\nreader:\n  format: xbrl_accounts\n"
                                       "l0_columns:\n  - {name: run_code, type: text}\n"),
        HasSubstr("this reader.format needs an incremental kind"));
    // So is the accounts reader's: its 37 columns in order.
    EXPECT_THAT(
        rejection(std::string(kHead) + "kind: l0_incremental\nreader:\n  format: xbrl_accounts\n"
                                       "  header: false\n  force_null: false\n"
                                       "l0_columns:\n  - {name: run_code, type: text}\n"),
        HasSubstr("reader.format xbrl_accounts needs"));
    EXPECT_THAT(rejection(std::string(kHead) + "kind: l0_incremental\nreader:\n  format: tsv\n"
                                               "l0_columns:\n  - {name: a, type: text}\n"),
                HasSubstr("reader.format 'tsv' is unknown"));
}

}  // namespace
}  // namespace dss::pipelines
