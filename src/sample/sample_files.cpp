#include "sample/sample_files.hpp"

#include <fmt/format.h>

#include <array>

#include "formats/zip_writer.hpp"
#include "sample/accounts_documents.hpp"

namespace dss::sample {
namespace {

struct District {
    const char* code;
    const char* name;
    const char* region_code;
    const char* region;
};

constexpr std::array<District, 4> kDistricts = {{
    {"S12000033", "Aberdeen City", "S99999999", "Scotland"},
    {"E09000001", "City of London", "E12000007", "London"},
    {"W06000015", "Cardiff", "W99999999", "Wales"},
    {"E08000035", "Leeds", "E12000003", "Yorkshire and The Humber"},
}};

constexpr std::array<const char*, 4> kAreas = {"AB", "EC", "CF", "LS"};

const District& district_of(int index) {
    return kDistricts[static_cast<std::size_t>(index) % kDistricts.size()];
}

// "AB1 0AA", "EC1 0AA", ...: unique for index < 4 * 26 * 26 * 10 * 99.
std::string postcode(int index) {
    auto area = kAreas[static_cast<std::size_t>(index) % kAreas.size()];
    int rest = index / static_cast<int>(kAreas.size());
    return fmt::format("{}{} {}{}{}", area, 1 + rest / 6760, (rest / 676) % 10,
                       static_cast<char>('A' + (rest / 26) % 26),
                       static_cast<char>('A' + rest % 26));
}

// ONSPD: 50 columns, codes quoted, zipped under Data/ as the ONS publishes it.
SampleFile ons_postcode_directory(int rows) {
    std::string csv =
        "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,"
        "osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,nuts,statsward,oa01,"
        "casward,park,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,ccg,bua11,buasd11,"
        "ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,stp\n";
    for (int i = 0; i < rows; ++i) {
        const auto& district = district_of(i);
        auto code = postcode(i);
        auto compact = code;
        std::erase(compact, ' ');
        csv += fmt::format(R"("{}","{}","{}","200{}0{}","{}","{}")", compact, code, code, i % 9,
                           1 + i % 9, i % 10 == 0 ? "201506" : "", district.code);
        csv += fmt::format(R"(,"","{0}","E0500{1}","","0","{2}","{3}","1")", district.code,
                           1000 + i % 900, 390000 + i * 7, 800000 - i * 5);
        for (int column = 14; column < 42; ++column) csv += ",\"\"";
        csv += fmt::format(R"(,"{:.6f}","{:.6f}")", 51.0 + (i % 1000) / 1000.0,
                           -1.0 + (i % 500) / 1000.0);
        for (int column = 44; column < 50; ++column) csv += ",\"\"";
        csv += "\n";
    }
    return {"ons.postcode_directory", "ONSPD_MAY_2019_UK.zip",
            formats::make_zip({{"Data/ONSPD_MAY_2019_UK.csv", csv}})};
}

SampleFile reference_postcodes(int rows) {
    std::string csv =
        "Postcode,LAD code,LAD name,LEP1 code,LEP1 name,LEP2 code,LEP2 name,Region code,"
        "Region name,Easting,Northing,Introduced,Terminated\n";
    for (int i = 0; i < rows; ++i) {
        const auto& district = district_of(i);
        csv += fmt::format("{},{},\"{}\",,,,,{},\"{}\",{},{},1980-0{}-01,\n", postcode(i),
                           district.code, district.name, district.region_code, district.region,
                           390000 + i * 7, 800000 - i * 5, 1 + i % 9);
    }
    return {"dit.reference_postcodes", "reference_postcodes.csv", csv};
}

// Trade flows between a few countries (UN M49 codes) for a few HS6 products.
SampleFile baci() {
    std::string csv = "t,hs6,i,j,v,q\n";
    constexpr std::array<int, 4> kCountries = {251, 276, 381, 826};
    constexpr std::array<int, 3> kProducts = {10121, 30110, 847130};
    for (auto exporter : kCountries) {
        for (auto importer : kCountries) {
            if (exporter == importer) continue;
            for (auto product : kProducts) {
                csv +=
                    fmt::format("2017,{},{},{},{:.3f},{:.3f}\n", product, exporter, importer,
                                (exporter + importer + product % 97) / 10.0, (product % 13) / 10.0);
            }
        }
    }
    return {"dit.baci", "BACI_HS92_Y2017_V202001.csv", csv};
}

SampleFile eu_country_membership() {
    struct Member {
        const char* country;
        const char* iso3;
        int joined;
    };
    constexpr std::array<Member, 5> kMembers = {{{"Austria", "AUT", 1995},
                                                 {"Belgium", "BEL", 1958},
                                                 {"France", "FRA", 1958},
                                                 {"Croatia", "HRV", 2013},
                                                 {"Norway", "NOR", 0}}};
    std::string csv = "Country,ISO3";
    for (int year = 1958; year <= 2018; ++year) csv += fmt::format(",{}", year);
    csv += "\n";
    for (const auto& member : kMembers) {
        csv += fmt::format("{},{}", member.country, member.iso3);
        for (int year = 1958; year <= 2018; ++year)
            csv += member.joined != 0 && year >= member.joined ? ",EUN" : ",";
        csv += "\n";
    }
    return {"dit.eu_country_membership", "eu_country_membership.csv", csv};
}

// Windows-1252, CR line endings, as UN Comtrade's file.
SampleFile comtrade_country_codes() {
    std::string csv =
        "ctyCode,cty Name English,cty Fullname English,Cty Abbreviation,Cty Comments,"
        "ISO2-digit Alpha,ISO3-digit Alpha,Start Valid Year,End Valid Year\r"
        "0,World,World,World,,WL,WLD,1962,2061\r"
        "40,Austria,Austria,Austria,,AT,AUT,1962,2061\r"
        "251,France,France,France,,FR,FRA,1962,2061\r"
        "276,Germany,Germany,Germany,,DE,DEU,1962,2061\r"
        "384,C\xF4te d'Ivoire,C\xF4te d'Ivoire,C\xF4te d'Ivoire,,CI,CIV,1962,2061\r"
        "826,United Kingdom,United Kingdom,United Kingdom,,GB,GBR,1962,2061\r"
        "918,European Union,European Union,European Union,,EU,EUR,,\r";
    return {"comtrade.country_code_and_iso", "country_code_and_iso.csv", csv};
}

SampleFile bound_rates() {
    std::string csv = "NomenCode,Reporter_ISO_N,ProductCode,BoundRate,Nbr_Total_Lines\n";
    for (auto reporter : {36, 76, 710}) {
        for (auto product : {10121, 30110, 847130}) {
            csv += fmt::format("\"H0\",\"{}\",\"{}\",\"{}\",\"2\"\n", reporter, product,
                               10 + product % 7);
            csv += fmt::format("\"H4\",\"{}\",\"{}\",\"{}\",\"2\"\n", reporter, product,
                               5 + product % 5);
        }
    }
    return {"world_bank.bound_rates", "bound_rates.csv", csv};
}

SampleFile tariff() {
    std::string csv =
        "Reporter_ISO_N,Year,ProductCode,Partner_ISO_N,DutyType,SimpleAverage,Nbr_Total_Lines\n";
    for (auto reporter : {36, 76, 710}) {
        for (auto year : {2016, 2017, 2018}) {
            csv += fmt::format("{},{},10121,0,AHS,{},3\n", reporter, year, 5 + year % 4);
            csv += fmt::format("{},{},30110,251,MFN,{},1\n", reporter, year, 2 + year % 3);
        }
    }
    return {"world_bank.tariff", "tariff.csv", csv};
}

// A day of Companies House accounts: inline XBRL filings of a few companies.
SampleFile companies_house_accounts() {
    std::vector<std::pair<std::string, std::string>> documents;
    for (int company = 1; company <= 25; ++company) {
        documents.emplace_back(accounts_document_name(2230001, company, "20200331", true),
                               render_accounts_document(typical_inline_accounts(company, 0)));
    }
    return {"companies_house.accounts_legacy", "Accounts_Bulk_Data-2020-04-01.zip",
            formats::make_zip(documents)};
}

// A month of HMRC exporters: a zip holding a zip of the tab-separated list.
SampleFile hmrc_exporters() {
    std::string list;
    for (int i = 1; i <= 50; ++i) {
        const auto& district = district_of(i);
        list += fmt::format(
            "201601\tX\tEXPORTER {} LIMITED\t{} HIGH STREET\t\t{}\t\t\t{}\t{:08}\t{:08}\r\n", i, i,
            district.name, postcode(i), 84000000 + i, 85000000 + i);
    }
    auto inner = formats::make_zip({{"exporters1601", list}});
    return {"hmrc.exporters", "exporters1601.zip",
            formats::make_zip({{"exporters1601.zip", inner}})};
}

}  // namespace

std::vector<SampleFile> sample_files(int ons_rows, int reference_rows) {
    return {ons_postcode_directory(ons_rows),
            reference_postcodes(reference_rows),
            baci(),
            eu_country_membership(),
            comtrade_country_codes(),
            bound_rates(),
            tariff(),
            companies_house_accounts(),
            hmrc_exporters()};
}

}  // namespace dss::sample
