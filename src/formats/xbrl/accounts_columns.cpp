#include "formats/xbrl/accounts_columns.hpp"

namespace dss::formats::xbrl {
namespace {

using enum Match;
using enum ValueType;

template <std::size_t N>
using Lookups = std::array<Lookup, N>;

constexpr Lookups<2> kBalanceSheetDate{
    {{name_attribute, "BalanceSheetDate", date}, {element_name, "BalanceSheetDate", date}}};
constexpr Lookups<2> kRegisteredNumber{{{name_attribute, "UKCompaniesHouseRegisteredNumber", text},
                                        {element_name, "CompaniesHouseRegisteredNumber", text}}};
constexpr Lookups<3> kLegalName{
    {{name_attribute, "EntityCurrentLegalOrRegisteredName", text},
     {element_name, "EntityCurrentLegalName", text},
     {first_span_in_name_attribute, "EntityCurrentLegalOrRegisteredName", text}}};
constexpr Lookups<4> kDormant{{{name_attribute, "EntityDormantTruefalse", boolean},
                               {name_attribute, "EntityDormant", boolean},
                               {element_name, "CompanyDormant", boolean},
                               {element_name, "CompanyNotDormant", reversed_boolean}}};
constexpr Lookups<4> kEmployees{
    {{name_attribute, "AverageNumberEmployeesDuringPeriod", number_after_colon},
     {name_attribute, "EmployeesTotal", number_after_colon},
     {element_name, "AverageNumberEmployeesDuringPeriod", number_after_colon},
     {element_name, "EmployeesTotal", number_after_colon}}};

constexpr std::array<LookupColumn, 5> kDocumentColumns{{
    {"balance_sheet_date", kBalanceSheetDate},
    {"companies_house_registered_number", kRegisteredNumber},
    {"entity_current_legal_name", kLegalName},
    {"company_dormant", kDormant},
    {"average_number_employees_during_period", kEmployees},
}};

constexpr Lookup either_of(std::string_view concept_name) { return {either, concept_name, number}; }
constexpr Lookup named(std::string_view concept_name) {
    return {name_attribute, concept_name, number};
}
constexpr Lookup named_in(std::string_view concept_name, ContextRule rule, std::string_view text) {
    return {name_attribute, concept_name, number, rule, text};
}

constexpr Lookups<3> kTangibleFixedAssets{
    {either_of("FixedAssets"), either_of("TangibleFixedAssets"), named("PropertyPlantEquipment")}};
constexpr Lookups<1> kDebtors{{either_of("Debtors")}};
constexpr Lookups<2> kCash{{either_of("CashBankInHand"), named("CashBankOnHand")}};
constexpr Lookups<1> kCurrentAssets{{either_of("CurrentAssets")}};
constexpr Lookups<2> kCreditorsWithinYear{
    {named("CreditorsDueWithinOneYear"),
     named_in("Creditors", ContextRule::contains, "WithinOneYear")}};
constexpr Lookups<2> kCreditorsAfterYear{
    {named("CreditorsDueAfterOneYear"),
     named_in("Creditors", ContextRule::contains, "AfterOneYear")}};
constexpr Lookups<1> kNetCurrentAssets{{either_of("NetCurrentAssetsLiabilities")}};
constexpr Lookups<1> kTotalAssetsLessLiabilities{{either_of("TotalAssetsLessCurrentLiabilities")}};
constexpr Lookups<2> kNetAssets{{either_of("NetAssetsLiabilitiesIncludingPensionAssetLiability"),
                                 either_of("NetAssetsLiabilities")}};
constexpr Lookups<2> kCalledUpShareCapital{
    {either_of("CalledUpShareCapital"), named_in("Equity", ContextRule::contains, "ShareCapital")}};
constexpr Lookups<2> kProfitLossReserve{
    {either_of("ProfitLossAccountReserve"),
     named_in("Equity", ContextRule::contains, "RetainedEarningsAccumulatedLosses")}};
// "segment" is looked for in the context's id only, as the reference did.
constexpr Lookups<2> kShareholderFunds{
    {either_of("ShareholderFunds"), named_in("Equity", ContextRule::lacks, "segment")}};
constexpr Lookups<2> kTurnover{
    {either_of("TurnoverGrossOperatingRevenue"), either_of("TurnoverRevenue")}};
constexpr Lookups<2> kOtherIncome{
    {either_of("OtherOperatingIncome"), either_of("OtherOperatingIncomeFormat2")}};
constexpr Lookups<1> kCostSales{{either_of("CostSales")}};
constexpr Lookups<1> kGrossProfit{{either_of("GrossProfitLoss")}};
constexpr Lookups<1> kAdministrativeExpenses{{either_of("AdministrativeExpenses")}};
constexpr Lookups<2> kRawMaterials{
    {either_of("RawMaterialsConsumables"), either_of("RawMaterialsConsumablesUsed")}};
constexpr Lookups<2> kStaffCosts{
    {either_of("StaffCosts"), either_of("StaffCostsEmployeeBenefitsExpense")}};
constexpr Lookups<2> kDepreciation{
    {either_of("DepreciationOtherAmountsWrittenOffTangibleIntangibleFixedAssets"),
     either_of("DepreciationAmortisationImpairmentExpense")}};
constexpr Lookups<2> kOtherCharges{
    {either_of("OtherOperatingChargesFormat2"), either_of("OtherOperatingExpensesFormat2")}};
constexpr Lookups<1> kOperatingProfit{{either_of("OperatingProfitLoss")}};
constexpr Lookups<1> kProfitBeforeTax{{either_of("ProfitLossOnOrdinaryActivitiesBeforeTax")}};
constexpr Lookups<2> kTax{{either_of("TaxOnProfitOrLossOnOrdinaryActivities"),
                           either_of("TaxTaxCreditOnProfitOrLossOnOrdinaryActivities")}};
constexpr Lookups<2> kProfitForPeriod{{either_of("ProfitLoss"), either_of("ProfitLossForPeriod")}};

constexpr std::array<LookupColumn, 25> kPeriodColumns{{
    {"tangible_fixed_assets", kTangibleFixedAssets},
    {"debtors", kDebtors},
    {"cash_bank_in_hand", kCash},
    {"current_assets", kCurrentAssets},
    {"creditors_due_within_one_year", kCreditorsWithinYear},
    {"creditors_due_after_one_year", kCreditorsAfterYear},
    {"net_current_assets_liabilities", kNetCurrentAssets},
    {"total_assets_less_current_liabilities", kTotalAssetsLessLiabilities},
    {"net_assets_liabilities_including_pension_asset_liability", kNetAssets},
    {"called_up_share_capital", kCalledUpShareCapital},
    {"profit_loss_account_reserve", kProfitLossReserve},
    {"shareholder_funds", kShareholderFunds},
    {"turnover_gross_operating_revenue", kTurnover},
    {"other_operating_income", kOtherIncome},
    {"cost_sales", kCostSales},
    {"gross_profit_loss", kGrossProfit},
    {"administrative_expenses", kAdministrativeExpenses},
    {"raw_materials_consumables", kRawMaterials},
    {"staff_costs", kStaffCosts},
    {"depreciation_other_amounts_written_off_tangible_intangible_fixed_assets", kDepreciation},
    {"other_operating_charges_format2", kOtherCharges},
    {"operating_profit_loss", kOperatingProfit},
    {"profit_loss_on_ordinary_activities_before_tax", kProfitBeforeTax},
    {"tax_on_profit_or_loss_on_ordinary_activities", kTax},
    {"profit_loss_for_period", kProfitForPeriod},
}};

constexpr std::array<std::string_view, 3> kKnownTaxonomies{
    "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01",
    "http://www.xbrl.org/uk/gaap/core/2009-09-01",
    "http://xbrl.frc.org.uk/fr/2014-09-01/core",
};

constexpr std::array<std::string_view, kAccountsColumnCount> make_names() {
    std::array<std::string_view, kAccountsColumnCount> names{
        "run_code", "company_id", "date", "file_type", "taxonomy", "period_start", "period_end"};
    std::size_t next = first_document_value;
    for (const auto& column : kDocumentColumns) names[next++] = column.name;
    for (const auto& column : kPeriodColumns) names[next++] = column.name;
    return names;
}

static_assert(first_document_value + kDocumentColumns.size() + kPeriodColumns.size() ==
              kAccountsColumnCount);

constexpr auto kNames = make_names();

}  // namespace

const std::array<std::string_view, kAccountsColumnCount>& accounts_column_names() { return kNames; }

std::span<const LookupColumn> document_value_columns() { return kDocumentColumns; }

std::span<const LookupColumn> period_value_columns() { return kPeriodColumns; }

std::span<const std::string_view> known_taxonomies() { return kKnownTaxonomies; }

}  // namespace dss::formats::xbrl
