#include "sample/accounts_documents.hpp"

#include <fmt/core.h>

namespace dss::sample {
namespace {

constexpr const char* kInlineNamespaces =
    R"( xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL")"
    R"( xmlns:xbrli="http://www.xbrl.org/2003/instance")"
    R"( xmlns:xbrldi="http://xbrl.org/2006/xbrldi")";
constexpr const char* kInstanceNamespaces =
    R"( xmlns="http://www.xbrl.org/2003/instance" xmlns:xbrli="http://www.xbrl.org/2003/instance")";

std::string attributes_of(const AccountsFact& fact) {
    std::string text;
    if (!fact.context.empty()) text += fmt::format(R"( contextRef="{}")", fact.context);
    for (const auto& [name, value] : fact.attributes)
        text += fmt::format(R"( {}="{}")", name, value);
    return text;
}

std::string context_of(const AccountsContext& context, const std::string& prefix) {
    std::string period =
        context.instant.empty()
            ? fmt::format("<{0}startDate>{1}</{0}startDate><{0}endDate>{2}</{0}endDate>", prefix,
                          context.start, context.end)
            : fmt::format("<{0}instant>{1}</{0}instant>", prefix, context.instant);
    return fmt::format(
               R"(<{0}context id="{1}"><{0}entity><{0}identifier scheme="http://www.companieshouse.gov.uk/">0</{0}identifier></{0}entity><{0}period>{2}</{0}period></{0}context>)",
               prefix, context.id, period) +
           "\n";
}

// 1234567 as 1,234,567, as filings write amounts.
std::string with_thousands(int value) {
    auto digits = std::to_string(value);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
        text += digits[i];
    }
    return text;
}

// A row of a styled table, as filing software lays out the notes: text, no facts.
std::string padding_row(std::size_t row) {
    return fmt::format(
               R"(<table class="iris_table"><colgroup width="70%" /><colgroup width="30%" /><tr class="iris_table_row"><td class="ta_10"><p style="text-align:left;text-indent:0px;"><span class="Run" style="font-family:&quot;Times New Roman&quot;; font-size:13px; font-weight:normal;">Note {} to the financial statements, as presented to the registrar</span></p></td><td class="ta_10"><span class="ta_10">{}</span></td></tr></table>)",
               row, row * 37 % 1000) +
           "\n";
}

// The XML declaration and the root's start tag with every namespace it declares.
std::string document_start(const char* root, const char* namespaces,
                           const AccountsDocument& document) {
    std::string text = R"(<?xml version="1.0" encoding="utf-8"?>)";
    text += fmt::format("\n<{}{}", root, namespaces);
    for (const auto& [prefix, uri] : document.namespaces)
        text += fmt::format(R"( xmlns:{}="{}")", prefix, uri);
    return text + ">\n";
}

std::string render_inline(const AccountsDocument& document) {
    auto text = document_start("html", kInlineNamespaces, document);
    text += "<head><title>Accounts</title></head>\n<body>\n";
    text += R"(<div style="display:none"><ix:header><ix:resources>)";
    text += "\n";
    for (const auto& context : document.contexts) text += context_of(context, "xbrli:");
    text += "</ix:resources></ix:header></div>\n";
    for (const auto& fact : document.facts) {
        const char* element = fact.numeric ? "ix:nonFraction" : "ix:nonNumeric";
        text += fmt::format(R"(<p><span class="ta_10">{}</span> <{} name="{}"{}>{}</{}></p>)",
                            fact.concept_name, element, fact.concept_name, attributes_of(fact),
                            fact.content, element) +
                "\n";
    }
    const std::string end = "</body>\n</html>\n";
    for (std::size_t row = 0; text.size() + end.size() < document.padded_size; ++row)
        text += padding_row(row);
    return text + end;
}

std::string render_instance(const AccountsDocument& document) {
    auto text = document_start("xbrl", kInstanceNamespaces, document);
    for (const auto& fact : document.facts) {
        text +=
            fmt::format("<{0}{1}>{2}</{0}>", fact.concept_name, attributes_of(fact), fact.content) +
            "\n";
    }
    for (const auto& context : document.contexts) text += context_of(context, "");
    return text + "</xbrl>\n";
}

}  // namespace

std::string render_accounts_document(const AccountsDocument& document) {
    return document.inline_xbrl ? render_inline(document) : render_instance(document);
}

std::string accounts_document_name(int run, int company, const std::string& yyyymmdd,
                                   bool inline_xbrl) {
    return fmt::format("Prod{}_{}_{:08}_{}.{}", run / 10000, run % 10000, company, yyyymmdd,
                       inline_xbrl ? "html" : "xml");
}

AccountsDocument typical_inline_accounts(int company, std::size_t padded_size) {
    AccountsDocument document;
    document.namespaces = {{"core", "http://xbrl.frc.org.uk/fr/2019-01-01/core"},
                           {"bus", "http://xbrl.frc.org.uk/cd/2019-01-01/business"}};
    document.contexts = {{"cfwd_2020", "2020-03-31", "", ""},
                         {"cfwd_2019", "2019-03-31", "", ""},
                         {"FY_2020", "", "2019-04-01", "2020-03-31"},
                         {"FY_2019", "", "2018-04-01", "2019-03-31"}};
    auto money = [&](int base) { return with_thousands(base + company % 997 * 13); };
    auto amount = [&](const char* concept_name, const char* context, int base) {
        return AccountsFact{concept_name,
                            context,
                            money(base),
                            true,
                            {{"unitRef", "GBP"}, {"decimals", "0"}, {"scale", "0"}}};
    };
    document.facts = {
        {"bus:UKCompaniesHouseRegisteredNumber", "FY_2020", fmt::format("{:08}", company), false},
        {"bus:EntityCurrentLegalOrRegisteredName", "FY_2020",
         fmt::format("<span>Company {} Limited</span>", company), false},
        {"bus:BalanceSheetDate", "cfwd_2020", "31.3.20", false},
        {"bus:EntityDormantTruefalse", "FY_2020", company % 5 == 0 ? "true" : "false", false},
        amount("core:FixedAssets", "cfwd_2020", 12000),
        amount("core:FixedAssets", "cfwd_2019", 11000),
        amount("core:Debtors", "cfwd_2020", 3400),
        amount("core:Debtors", "cfwd_2019", 3100),
        amount("core:CashBankOnHand", "cfwd_2020", 25000),
        amount("core:CashBankOnHand", "cfwd_2019", 21000),
        amount("core:CurrentAssets", "cfwd_2020", 28400),
        amount("core:CurrentAssets", "cfwd_2019", 24100),
        amount("core:NetCurrentAssetsLiabilities", "cfwd_2020", 20100),
        amount("core:NetCurrentAssetsLiabilities", "cfwd_2019", 18100),
        amount("core:TotalAssetsLessCurrentLiabilities", "cfwd_2020", 32100),
        amount("core:TotalAssetsLessCurrentLiabilities", "cfwd_2019", 29100),
        amount("core:Equity", "cfwd_2020", 32100),
        amount("core:Equity", "cfwd_2019", 29100),
        amount("core:TurnoverRevenue", "FY_2020", 150000),
        amount("core:TurnoverRevenue", "FY_2019", 140000),
        amount("core:ProfitLoss", "FY_2020", 9000),
        amount("core:ProfitLoss", "FY_2019", 8000),
        {"core:AverageNumberEmployeesDuringPeriod",
         "FY_2020",
         fmt::format("{}", 1 + company % 40),
         true,
         {{"unitRef", "pure"}, {"decimals", "0"}}},
        {"core:AverageNumberEmployeesDuringPeriod",
         "FY_2019",
         fmt::format("2019: {}", 1 + company % 30),
         true,
         {{"unitRef", "pure"}, {"decimals", "0"}}},
    };
    document.padded_size = padded_size;
    return document;
}

}  // namespace dss::sample
