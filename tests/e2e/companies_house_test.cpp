// Companies House accounts end to end (pipelines.md 3.10, decision 11 and the reference's
// expectations in section 5): a zip of inline XBRL and XBRL documents becomes L0 rows, one per
// company and period; a document that cannot be read is skipped and named, the others load.
#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

#include "formats/zip_writer.hpp"
#include "sample/accounts_documents.hpp"
#include "support/dataflow_peer.hpp"
#include "support/ingest_fixture.hpp"

namespace dss::test {
namespace {

using sample::AccountsContext;
using sample::AccountsDocument;
using sample::AccountsFact;
using ::testing::HasSubstr;

AccountsFact amount(const char* concept_name, const char* context, const char* value) {
    return {concept_name,
            context,
            value,
            true,
            {{"unitRef", "GBP"}, {"decimals", "0"}, {"format", "ixt2:numdotdecimal"}}};
}

// The facts of the reference's inline XBRL fixture: a dormant-free micro entity with two
// balance sheet dates, its name only inside a table, and employees written "2019: 1" last.
std::string badcorp2_inline() {
    AccountsDocument document;
    document.namespaces = {{"ns6", "http://xbrl.frc.org.uk/fr/2019-01-01/core"},
                           {"ns11", "http://xbrl.frc.org.uk/cd/2019-01-01/business"}};
    document.contexts = {{"cfwd_31_03_2020", "2020-03-31", "", ""},
                         {"FY_31_03_2020", "", "2019-04-01", "2020-03-31"},
                         {"cfwd_31_03_2019", "2019-03-31", "", ""},
                         {"FY_31_03_2019", "", "2018-04-01", "2019-03-31"}};
    document.facts = {
        {"ns11:UKCompaniesHouseRegisteredNumber", "FY_31_03_2020", "12345", false},
        {"ns11:BalanceSheetDate", "cfwd_31_03_2020", "31.3.20", false},
        {"ns11:EntityDormantTruefalse", "FY_31_03_2020", "false", false},
        {"ns11:EntityCurrentLegalOrRegisteredName", "FY_31_03_2020",
         R"(<table><tr><td></td><td><span class="ta_11">BadCorp2 Limited</span></td></tr></table>)",
         false},
        amount("ns6:CurrentAssets", "cfwd_31_03_2020", "96,264"),
        amount("ns6:CurrentAssets", "cfwd_31_03_2019", "96,264"),
        amount("ns6:NetCurrentAssetsLiabilities", "cfwd_31_03_2020", "96,264"),
        amount("ns6:NetCurrentAssetsLiabilities", "cfwd_31_03_2019", "96,264"),
        amount("ns6:TotalAssetsLessCurrentLiabilities", "cfwd_31_03_2020", "96,264"),
        amount("ns6:TotalAssetsLessCurrentLiabilities", "cfwd_31_03_2019", "96,264"),
        amount("ns6:Equity", "cfwd_31_03_2020", "96,264"),
        amount("ns6:Equity", "cfwd_31_03_2019", "96,264"),
        {"ns6:AverageNumberEmployeesDuringPeriod", "FY_31_03_2020", "1"},
        {"ns6:AverageNumberEmployeesDuringPeriod", "FY_31_03_2019", "2019: 1"},
    };
    return sample::render_accounts_document(document);
}

// The facts of the reference's XBRL 2004 UK GAAP fixture: two year ends, where FixedAssets
// comes before TangibleFixedAssets and creditors are written under names no lookup takes.
std::string badcorp_instance() {
    AccountsDocument document;
    document.inline_xbrl = false;
    document.namespaces = {
        {"pt", "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01"},
        {"ae", "http://www.companieshouse.gov.uk/ef/xbrl/uk/fr/gaap/ae/2009-06-21"},
        {"gc", "http://www.xbrl.org/uk/fr/gcd/2004-12-01"}};
    document.contexts = {{"y2016", "", "2015-08-01", "2016-07-31"},
                         {"e2015", "2015-07-31", "", ""},
                         {"e2016", "2016-07-31", "", ""}};
    document.facts = {{"ae:CompanyNotDormant", "y2016", "true"},
                      {"gc:EntityCurrentLegalName", "y2016", "BadCorp Limited"},
                      {"ae:CompaniesHouseRegisteredNumber", "y2016", "1234"},
                      {"gc:BalanceSheetDate", "e2016", "2016-07-31"}};
    const std::vector<std::tuple<const char*, const char*, const char*>> figures{
        {"pt:ProfitLossAccountReserve", "18511", "20484"},
        {"pt:ShareholderFunds", "267734", "269707"},
        {"pt:CalledUpShareCapital", "5700", "5700"},
        {"pt:NetAssetsLiabilitiesIncludingPensionAssetLiability", "267734\n    ", "269707\n    "},
        {"pt:CreditorsDueAfterOneYearTotalNoncurrentLiabilities", "57", "57"},
        {"pt:TotalAssetsLessCurrentLiabilities", "267791", "269764"},
        {"pt:NetCurrentAssetsLiabilities", "16747", "18604"},
        {"pt:CreditorsDueWithinOneYearTotalCurrentLiabilities", "14370", "16467"},
        {"pt:CurrentAssets", "31117", "35071"},
        {"pt:Debtors", "1840", "2162"},
        {"pt:CashBankInHand", "29277", "32909"},
        {"pt:FixedAssets", "251044", "251160"},
        {"pt:TangibleFixedAssets", "251044", "251160"},
    };
    for (const auto& [concept_name, in_2016, in_2015] : figures) {
        document.facts.push_back({concept_name, "e2016", in_2016, true, {{"unitRef", "GBP"}}});
        document.facts.push_back({concept_name, "e2015", in_2015, true, {{"unitRef", "GBP"}}});
    }
    return sample::render_accounts_document(document);
}

constexpr const char* kColumns =
    R"(SELECT id, datafile_created, run_code, company_id, date, file_type, taxonomy, period_start,
              period_end, balance_sheet_date, companies_house_registered_number,
              entity_current_legal_name, company_dormant, average_number_employees_during_period,
              tangible_fixed_assets, debtors, cash_bank_in_hand, current_assets,
              creditors_due_within_one_year, creditors_due_after_one_year,
              net_current_assets_liabilities, total_assets_less_current_liabilities,
              net_assets_liabilities_including_pension_asset_liability, called_up_share_capital,
              profit_loss_account_reserve, shareholder_funds, turnover_gross_operating_revenue,
              other_operating_income, cost_sales, gross_profit_loss, administrative_expenses,
              raw_materials_consumables, staff_costs,
              depreciation_other_amounts_written_off_tangible_intangible_fixed_assets,
              other_operating_charges_format2, operating_profit_loss,
              profit_loss_on_ordinary_activities_before_tax,
              tax_on_profit_or_loss_on_ordinary_activities, profit_loss_for_period
       FROM "companies_house.accounts_legacy"."L0" ORDER BY id)";

const std::string kThirteenNulls =
    "|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL";

class CompaniesHouse : public Ingest {
   protected:
    void add_accounts(const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& members) {
        add_file("companies_house/accounts_legacy/" + name, formats::make_zip(members));
    }
};

TEST_F(CompaniesHouse, InlineAndInstanceDocumentsGiveTheReferenceRows) {
    add_accounts("test_datafile_1.zip",
                 {{"test_datafile_1/Prod223_2798_12345_20200331.html", badcorp2_inline()},
                  {"__MACOSX/test_datafile_1/._Prod223_2798_12345_20200331.html", "junk"},
                  {"test_datafile_1/Prod223_1859_1234_20170227.xml", badcorp_instance()},
                  {"__MACOSX/test_datafile_1/._Prod223_1859_1234_20170227.xml", "junk"}});
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("companies_house.accounts_legacy: 1 processed, 0 skipped, "
                                      "0 failed, 4 rows added"));
    const std::string html_general = "test_datafile_1.zip|Prod223_2798|12345|2020-03-31|html|";
    const std::string html_values =
        "|2020-03-31|12345|BadCorp2 Limited|f|1.0|NULL|NULL|NULL|96264.0|NULL|NULL|96264.0|"
        "96264.0|NULL|NULL|NULL|96264.0";
    const std::string xml_general =
        "test_datafile_1.zip|Prod223_1859|1234|2017-02-27|xml|"
        "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01|";
    EXPECT_EQ(rows(kColumns),
              (std::vector<std::string>{
                  "1|" + html_general + "|2020-03-31|2020-03-31" + html_values + kThirteenNulls,
                  "2|" + html_general + "|2019-03-31|2019-03-31" + html_values + kThirteenNulls,
                  "3|" + xml_general +
                      "2016-07-31|2016-07-31|2016-07-31|1234|BadCorp Limited|f|NULL|251044.0|"
                      "1840.0|29277.0|31117.0|NULL|NULL|16747.0|267791.0|267734.0|5700.0|"
                      "18511.0|267734.0" +
                      kThirteenNulls,
                  "4|" + xml_general +
                      "2015-07-31|2015-07-31|2016-07-31|1234|BadCorp Limited|f|NULL|251160.0|"
                      "2162.0|32909.0|35071.0|NULL|NULL|18604.0|269764.0|269707.0|5700.0|"
                      "20484.0|269707.0" +
                      kThirteenNulls}));
    EXPECT_EQ(registry("test_datafile_1.zip"), "processed|");
}

TEST_F(CompaniesHouse, DocumentsThatCannotBeReadAreSkippedNamedAndTheOthersLoad) {
    add_accounts(
        "Accounts_Bulk_Data-2020-04-01.zip",
        {{"Prod223_0001_00000001_20200331.html",
          sample::render_accounts_document(sample::typical_inline_accounts(1, 0))},
         {"Prod223_0002_00000002_20200331.html", "<html><body><p>cut short"},
         {"notes.txt", "not an accounts document"},
         {"Prod223_0003_00000003_20200331.xml",
          R"(<xbrl><p:CurrentAssets xmlns:p="urn:p" contextRef="missing">1</p:CurrentAssets></xbrl>)"},
         {"Prod223_0004_00000004_20200331.html",
          sample::render_accounts_document(sample::typical_inline_accounts(4, 0))}});
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    // Each typical document has four periods: two balance sheet dates and two years.
    EXPECT_THAT(result.out, HasSubstr("1 processed, 0 skipped, 0 failed, 8 rows added"));
    EXPECT_THAT(result.out, HasSubstr("3 documents skipped: Prod223_0002_00000002_20200331.html "
                                      "(not well-formed XML"));
    EXPECT_THAT(result.out, HasSubstr("notes.txt (the name does not match"));
    EXPECT_THAT(result.out, HasSubstr("Prod223_0003_00000003_20200331.xml (contextRef 'missing' "
                                      "names no context)"));
    EXPECT_EQ(rows(R"(SELECT DISTINCT company_id FROM "companies_house.accounts_legacy"."L0"
                      ORDER BY 1)"),
              (std::vector<std::string>{"00000001", "00000004"}));
    auto entry = registry("Accounts_Bulk_Data-2020-04-01.zip");
    EXPECT_THAT(entry, HasSubstr("processed|3 documents skipped"));
    EXPECT_THAT(entry, HasSubstr("notes.txt"));
}

TEST_F(CompaniesHouse, AZipOfNothingButBrokenDocumentsFailsAndLoadsNothing) {
    add_accounts("broken.zip", {{"Prod223_0002_00000002_20200331.html", "<html>"},
                                {"Prod223_0003_00000003_20200331.html", ""}});
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("no document could be read: 2 documents skipped"));
    EXPECT_THAT(registry("broken.zip"), HasSubstr("failed|"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "companies_house.accounts_legacy"."L0")"),
              (std::vector<std::string>{"0"}));
}

TEST_F(CompaniesHouse, AZipWithoutDocumentsIsRefused) {
    add_accounts("empty.zip", {{"__MACOSX/._x", "junk"}, {".DS_Store", "junk"}});
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("the zip holds no accounts documents"));
}

TEST_F(CompaniesHouse, AMemberThatExpandsPastTheLimitFailsTheFileAndLoadsNothing) {
    add_accounts("bomb.zip",
                 {{"Prod223_0001_00000001_20200331.html",
                   sample::render_accounts_document(sample::typical_inline_accounts(1, 0))},
                  {"Prod223_0002_00000002_20200331.html",
                   sample::render_accounts_document(sample::typical_inline_accounts(2, 3 << 20))}});
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"},
                      {{"DSS_ZIP_MEMBER_LIMIT", "1048576"}});
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_THAT(result.out, HasSubstr("Prod223_0002_00000002_20200331.html expands past 1048576"));
    EXPECT_EQ(rows(R"(SELECT count(*) FROM "companies_house.accounts_legacy"."L0")"),
              (std::vector<std::string>{"0"}));
}

TEST_F(CompaniesHouse, RowsKeepTheZipOrderWhileSeveralThreadsParse) {
    std::vector<std::pair<std::string, std::string>> members;
    for (int company = 1; company <= 400; ++company) {
        // Sizes vary, so that parsers finish out of order.
        auto document = sample::typical_inline_accounts(company, company % 7 == 0 ? 60000 : 2000);
        members.emplace_back(sample::accounts_document_name(2230001, company, "20200331", true),
                             sample::render_accounts_document(document));
    }
    add_accounts("Accounts_Bulk_Data-2020-04-02.zip", members);
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"});
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.out, HasSubstr("1600 rows added"));
    // Four rows per company (two balance sheet dates, two years), in zip order.
    auto companies = rows(R"(SELECT company_id FROM "companies_house.accounts_legacy"."L0"
                             ORDER BY id)");
    ASSERT_EQ(companies.size(), 1600U);
    for (std::size_t row = 0; row < companies.size(); ++row)
        ASSERT_EQ(companies[row], fmt::format("{:08}", row / 4 + 1)) << "row " << row;
}

TEST_F(CompaniesHouse, ARunThatAddedRowsTriggersDataflowForL0) {
    DataflowPeer dataflow;
    add_accounts("test_datafile_1.zip", {{"Prod223_2798_12345_20200331.html", badcorp2_inline()}});
    EnvironmentOverrides settings{{"DATAFLOW_BASE_URL", dataflow.url()},
                                  {"DATAFLOW_HAWK_ID", "dataflow-client"},
                                  {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"}};
    auto result = dss({"ingest", "--source", "companies_house.accounts_legacy"}, settings);
    ASSERT_EQ(result.exit_status, 0) << result.out << result.err;
    EXPECT_THAT(result.err,
                HasSubstr(R"(\"data_uploader_schema_name\":\"companies_house.accounts_legacy\")"));
    EXPECT_THAT(result.err, HasSubstr(R"(\"data_uploader_table_name\":\"L0\")"));
}

}  // namespace
}  // namespace dss::test
