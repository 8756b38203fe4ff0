// The rules of pipelines.md 3.10 on small hand-written documents: which element each column
// takes (the fallback order of its lookups, first value per period, last value for the whole
// document), how values read, and the documents that cannot give rows.
#include "formats/xbrl/accounts_document.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "formats/xbrl/accounts_csv.hpp"

namespace dss::formats::xbrl {
namespace {

using ::testing::HasSubstr;

constexpr std::chrono::year_month_day kFilingDay{std::chrono::year(2026), std::chrono::month(11),
                                                 std::chrono::day(28)};
constexpr const char* kName = "Prod223_2798_12345_20200331.html";

// Contexts every test document has: two instants, a year, and a context whose id carries
// the words the Equity and Creditors lookups look for.
constexpr const char* kContexts =
    R"(<xbrli:context id="now"><xbrli:period><xbrli:instant>2020-03-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:context id="before"><xbrli:period><xbrli:instant>2019-03-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:context id="year"><xbrli:period><xbrli:startDate>2019-04-01</xbrli:startDate><xbrli:endDate>2020-03-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="x_WithinOneYear_AfterOneYear_ShareCapital_RetainedEarningsAccumulatedLosses"><xbrli:period><xbrli:instant>2020-03-31</xbrli:instant></xbrli:period></xbrli:context>
)";

std::string document(const std::string& body, const std::string& extra_namespaces = "") {
    return R"(<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:p="urn:p")" +
           extra_namespaces + "><body>" + kContexts + body + "</body></html>";
}

// <ix:nonFraction name="p:Concept" contextRef="context">value</ix:nonFraction>
std::string named(const std::string& concept_name, const std::string& context,
                  const std::string& value, const std::string& attributes = "") {
    return R"(<ix:nonFraction name="p:)" + concept_name + R"(" contextRef=")" + context + "\"" +
           attributes + ">" + value + "</ix:nonFraction>\n";
}

// <p:Concept contextRef="context">value</p:Concept>
std::string element(const std::string& concept_name, const std::string& context,
                    const std::string& value) {
    return "<p:" + concept_name + R"( contextRef=")" + context + R"(">)" + value +
           "</p:" + concept_name + ">\n";
}

std::vector<AccountsRow> read(const std::string& text, const std::string& name = kName) {
    std::string content = text;
    return AccountsDocumentReader(kFilingDay).read("test_datafile_1/" + name, content);
}

std::size_t column(std::string_view name) {
    const auto& names = accounts_column_names();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

std::string value(const AccountsRow& row, std::string_view name) {
    return row[column(name)].value_or("NULL");
}

std::string error_of(const std::string& text, const std::string& name = kName) {
    try {
        read(text, name);
    } catch (const DocumentError& error) {
        return error.what();
    }
    return "no error";
}

// An element `lookup` finds, holding `text`.
std::string fact_for(const Lookup& lookup, const std::string& text) {
    auto concept_name = std::string(lookup.concept_name);
    const std::string context = lookup.context_rule == ContextRule::any
                                    ? "now"
                                    : "x_WithinOneYear_AfterOneYear_ShareCapital_"
                                      "RetainedEarningsAccumulatedLosses";
    switch (lookup.match) {
        case Match::element_name:
        case Match::either:
            return element(concept_name, context, text);
        case Match::name_attribute:
            return named(concept_name, context, text);
        case Match::first_span_in_name_attribute:
            return named(concept_name, context, "<span>" + text + "</span>");
    }
    return "";
}

// The text the `index`th lookup's element holds, and the value it gives.
std::pair<std::string, std::string> sample_value(const Lookup& lookup, std::size_t index) {
    auto n = std::to_string(index + 1);
    switch (lookup.type) {
        case ValueType::text:
            return {"Name " + n, "Name " + n};
        case ValueType::number:
        case ValueType::number_after_colon:
            return {n + "00", n + "00.0"};
        case ValueType::date:
            return {"2020-01-0" + n, "2020-01-0" + n};
        case ValueType::boolean:
            return {index % 2 == 0 ? "true" : "false", index % 2 == 0 ? "true" : "false"};
        case ValueType::reversed_boolean:
            return {index % 2 == 0 ? "true" : "false", index % 2 == 0 ? "false" : "true"};
    }
    return {};
}

// For every column, and each of its lookups: with that lookup and all later ones present, the
// value comes from that lookup.
void expect_fallback_order(std::span<const LookupColumn> columns) {
    for (const auto& lookup_column : columns) {
        const auto lookups = lookup_column.lookups;
        for (std::size_t first = 0; first < lookups.size(); ++first) {
            std::string body;
            for (std::size_t i = first; i < lookups.size(); ++i) {
                // The span fallback's element is one the name lookup before it finds too
                // (without text, so NULL, and the last one wins): it can only be shown alone.
                if (i > first && lookups[i].match == Match::first_span_in_name_attribute) continue;
                body += fact_for(lookups[i], sample_value(lookups[i], i).first);
            }
            auto rows = read(document(body));
            ASSERT_FALSE(rows.empty());
            EXPECT_EQ(value(rows.front(), lookup_column.name),
                      sample_value(lookups[first], first).second)
                << lookup_column.name << " from lookup " << first << " of " << lookups.size();
        }
    }
}

TEST(AccountsDocument, EachPeriodColumnTakesItsLookupsInOrder) {
    expect_fallback_order(period_value_columns());
}

TEST(AccountsDocument, EachDocumentColumnTakesItsLookupsInOrder) {
    expect_fallback_order(document_value_columns());
}

TEST(AccountsDocument, FirstValueWinsForAPeriodAndPeriodsComeInColumnOrder) {
    // The first element for a period sets the value; later ones are ignored, except that one
    // fills a value that is still NULL ('-' is NULL).
    auto rows =
        read(document(named("CurrentAssets", "before", "1") + named("CurrentAssets", "now", "2") +
                      named("CurrentAssets", "now", "3") + named("Debtors", "now", "-") +
                      named("Debtors", "now", "4")));
    ASSERT_EQ(rows.size(), 2U);
    // Debtors is looked up before current assets (table order): its period comes first,
    // although CurrentAssets of the other period comes first in the document.
    EXPECT_EQ(value(rows[0], "period_end"), "2020-03-31");
    EXPECT_EQ(value(rows[0], "debtors"), "4.0");
    EXPECT_EQ(value(rows[0], "current_assets"), "2.0");
    EXPECT_EQ(value(rows[1], "period_start"), "2019-03-31");
    EXPECT_EQ(value(rows[1], "current_assets"), "1.0");
    EXPECT_EQ(value(rows[1], "debtors"), "NULL");
}

TEST(AccountsDocument, StartAndEndDatesMakeAPeriod) {
    auto rows = read(document(named("TurnoverRevenue", "year", "10")));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "period_start"), "2019-04-01");
    EXPECT_EQ(value(rows[0], "period_end"), "2020-03-31");
    EXPECT_EQ(value(rows[0], "turnover_gross_operating_revenue"), "10.0");
}

TEST(AccountsDocument, LastValueWinsForTheWholeDocumentEvenWhenNull) {
    auto rows =
        read(document(named("UKCompaniesHouseRegisteredNumber", "year", "111") +
                      named("UKCompaniesHouseRegisteredNumber", "year", "222") +
                      named("AverageNumberEmployeesDuringPeriod", "year", "5") +
                      named("AverageNumberEmployeesDuringPeriod", "year", " - ") +
                      named("CurrentAssets", "now", "1") + named("CurrentAssets", "before", "2")));
    ASSERT_EQ(rows.size(), 2U);
    for (const auto& row : rows) {
        EXPECT_EQ(value(row, "companies_house_registered_number"), "222");
        // The last element is '-', which is NULL; the lookups after it are still tried.
        EXPECT_EQ(value(row, "average_number_employees_during_period"), "NULL");
    }
}

TEST(AccountsDocument, SignScaleAndThousands) {
    auto rows = read(document(named("CurrentAssets", "now", "1,234", R"( sign="-" scale="3")") +
                              named("Debtors", "now", "2.5", R"( scale="-2")") +
                              named("CashBankOnHand", "now", "12345678901234567")));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "current_assets"), "-1234000.0");
    EXPECT_EQ(value(rows[0], "debtors"), "0.025");
    EXPECT_EQ(value(rows[0], "cash_bank_in_hand"), "1.2345678901234568e+16");
}

TEST(AccountsDocument, NumberAfterAColonDateAndBooleans) {
    auto rows = read(document(named("AverageNumberEmployeesDuringPeriod", "year", "2019: 1") +
                              named("BalanceSheetDate", "now", "31.3.20") +
                              named("EntityDormantTruefalse", "year", "true")));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "average_number_employees_during_period"), "1.0");
    EXPECT_EQ(value(rows[0], "balance_sheet_date"), "2020-03-31");
    EXPECT_EQ(value(rows[0], "company_dormant"), "true");
    // Anything but true or false is NULL, and the next lookup is tried.
    rows = read(document(named("EntityDormantTruefalse", "year", "yes") +
                         element("CompanyNotDormant", "year", "false")));
    EXPECT_EQ(value(rows[0], "company_dormant"), "true");
    rows = read(document(element("CompanyNotDormant", "year", "maybe")));
    EXPECT_EQ(value(rows[0], "company_dormant"), "NULL");
}

TEST(AccountsDocument, LegalNameFromTheFirstSpanWhenTheElementHasNoText) {
    auto rows = read(document(named(
        "EntityCurrentLegalOrRegisteredName", "year",
        R"(<table><tr><td></td><td><span class="a">BadCorp2 "Trading" Limited</span><span>Other</span></td></tr></table>)")));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "entity_current_legal_name"), "BadCorp2 Trading Limited");
}

TEST(AccountsDocument, TextLosesQuotesAndLineBreaksTabsAndCarriageReturns) {
    auto rows = read(document(named("EntityCurrentLegalOrRegisteredName", "year",
                                    "  Acme\n\"Widgets\"\tand&#13;Sons  ")));
    EXPECT_EQ(value(rows[0], "entity_current_legal_name"), "Acme Widgets and Sons");
}

TEST(AccountsDocument, TheTextNoneIsNullAndTheNextLookupIsTried) {
    // The reference's NULL was the text "None" (quotes are removed first).
    auto rows = read(document(named("EntityCurrentLegalOrRegisteredName", "year", "N\"one") +
                              element("EntityCurrentLegalName", "year", "Acme Ltd") +
                              named("UKCompaniesHouseRegisteredNumber", "year", "None")));
    EXPECT_EQ(value(rows[0], "entity_current_legal_name"), "Acme Ltd");
    EXPECT_EQ(value(rows[0], "companies_house_registered_number"), "NULL");
}

TEST(AccountsDocument, DocumentsInOtherEncodingsAreReadAsDeclared) {
    // é is 0xE9 in windows-1252 and in Latin-1 (which pugixml reads itself).
    for (const char* encoding : {"windows-1252", "ISO-8859-1"}) {
        auto rows = read(
            std::string(R"(<?xml version="1.0" encoding=")") + encoding + "\"?>" +
            document(named("EntityCurrentLegalOrRegisteredName", "year", "Caf\xE9 \x80uro Ltd")));
        // 0x80 is the euro sign in windows-1252 and a control character in Latin-1.
        EXPECT_EQ(
            value(rows[0], "entity_current_legal_name"),
            std::string(encoding) == "windows-1252" ? "Café €uro Ltd" : "Café \xC2\x80uro Ltd")
            << encoding;
    }
    EXPECT_THAT(error_of(R"(<?xml version="1.0" encoding="no-such-encoding"?>)" + document("")),
                HasSubstr("'no-such-encoding' is not one dss knows"));
}

TEST(AccountsDocument, YearZeroIsNoDate) {
    const std::string year_zero =
        R"(<xbrli:context id="zero"><xbrli:period><xbrli:instant>0000-03-31</xbrli:instant></xbrli:period></xbrli:context>)";
    EXPECT_THAT(error_of(document(year_zero + named("CurrentAssets", "zero", "1"))),
                HasSubstr("not a date"));
    EXPECT_THAT(error_of(document(""), "Prod1_2_3_00000101.html"), HasSubstr("not a date"));
}

TEST(AccountsDocument, NoPeriodValuesGiveOneRowWithoutAPeriod) {
    auto rows = read(document(named("UKCompaniesHouseRegisteredNumber", "year", "12345")));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "period_start"), "NULL");
    EXPECT_EQ(value(rows[0], "period_end"), "NULL");
    EXPECT_EQ(value(rows[0], "companies_house_registered_number"), "12345");
    EXPECT_EQ(value(rows[0], "run_code"), "Prod223_2798");
    EXPECT_EQ(value(rows[0], "company_id"), "12345");
    EXPECT_EQ(value(rows[0], "date"), "2020-03-31");
    EXPECT_EQ(value(rows[0], "file_type"), "html");
}

TEST(AccountsDocument, TaxonomyIsTheKnownNamespacesSorted) {
    auto rows = read(document(
        "",
        R"( xmlns:b="http://xbrl.frc.org.uk/fr/2014-09-01/core" xmlns:a="http://www.xbrl.org/uk/gaap/core/2009-09-01" xmlns:c="http://example.com/other")"));
    EXPECT_EQ(
        value(rows[0], "taxonomy"),
        "http://www.xbrl.org/uk/gaap/core/2009-09-01;http://xbrl.frc.org.uk/fr/2014-09-01/core");
    rows = read(document(""));
    EXPECT_EQ(value(rows[0], "taxonomy"), "");  // an empty string, not NULL
}

TEST(AccountsDocument, ElementsWithoutContextAreIgnoredForPeriods) {
    auto rows = read(document(R"(<ix:nonFraction name="p:CurrentAssets">5</ix:nonFraction>)"));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "current_assets"), "NULL");
}

TEST(AccountsDocument, DocumentsThatCannotGiveRowsSayWhy) {
    EXPECT_THAT(error_of(document(named("CurrentAssets", "nowhere", "1"))),
                HasSubstr("contextRef 'nowhere' names no context"));
    EXPECT_THAT(error_of(document(named("CurrentAssets", "now", "(1,234)"))),
                HasSubstr("'(1,234)' is not a number"));
    EXPECT_THAT(error_of(document(named("BalanceSheetDate", "now", "not a date"))),
                HasSubstr("not a date"));
    EXPECT_THAT(error_of("<html><body><p>unclosed</body></html>"),
                HasSubstr("not well-formed XML"));
    EXPECT_THAT(error_of(""), HasSubstr("not well-formed XML"));
    EXPECT_THAT(error_of(document(""), "accounts.html"), HasSubstr("does not match"));
    EXPECT_THAT(error_of(document(""), "Prod1_2_3_20201399.html"), HasSubstr("not a date"));
    const std::string forever =
        R"(<xbrli:context id="always"><xbrli:period><xbrli:forever/></xbrli:period></xbrli:context>)";
    EXPECT_THAT(error_of(document(forever + named("CurrentAssets", "always", "1"))),
                HasSubstr("neither an instant nor a startDate"));
}

TEST(AccountsDocument, AHostilelyDeepDocumentIsReadWithoutRecursion) {
    // 200,000 nested spans inside the legal name: a recursive walk would overflow the stack.
    std::string deep;
    for (int i = 0; i < 200'000; ++i) deep += "<span>";
    deep += "Deep Ltd";
    for (int i = 0; i < 200'000; ++i) deep += "</span>";
    auto rows = read(document(named("EntityCurrentLegalOrRegisteredName", "year", deep) +
                              named("CurrentAssets", "now", "1")));
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(value(rows[0], "current_assets"), "1.0");
    // The first span has no text of its own: NULL, as the reference's XPath gave.
    EXPECT_EQ(value(rows[0], "entity_current_legal_name"), "NULL");
}

TEST(AccountsDocument, CsvRowsQuoteValuesAndLeaveNullEmpty) {
    auto rows = read(document(named("CurrentAssets", "now", "7")));
    std::string csv;
    append_csv_rows(rows, csv);
    EXPECT_EQ(csv.substr(0, csv.find(",,")),
              R"("Prod223_2798","12345","2020-03-31","html","","2020-03-31","2020-03-31")");
    EXPECT_EQ(std::count(csv.begin(), csv.end(), ','), 36);
    EXPECT_EQ(csv.back(), '\n');
}

}  // namespace
}  // namespace dss::formats::xbrl
