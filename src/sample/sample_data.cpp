// Deterministic rows in the shapes of pipelines.md 3.1 and 3.2, loaded with COPY.
#include "sample/sample_data.hpp"

#include <array>

#include "auth/hawk_client_directory.hpp"
#include "core/crypto.hpp"
#include "db/copy.hpp"
#include "db/transaction.hpp"

namespace dss::sample {
namespace {

constexpr const char* kDemoClient = "demo-client";

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

// "AB1 0AA", "AB1 0AB", ...: unique for index < 26 * 26 * 10 * 99.
std::string postcode(int index) {
    auto area = static_cast<std::size_t>(index) % kAreas.size();
    int rest = index / static_cast<int>(kAreas.size());
    std::string code = kAreas[area];
    code += std::to_string(1 + rest / 6760);
    code += ' ';
    code += static_cast<char>('0' + (rest / 676) % 10);
    code += static_cast<char>('A' + (rest / 26) % 26);
    code += static_cast<char>('A' + rest % 26);
    return code;
}

std::int64_t row_count(db::Connection& connection, const char* table) {
    return connection.execute(std::string("SELECT count(*) FROM ") + table).get<std::int64_t>(0, 0);
}

std::int64_t load_reference_postcodes(db::Connection& connection, int rows) {
    if (row_count(connection, R"("dit.reference_postcodes"."L1")") > 0) return 0;
    db::CopyIn copy(connection,
                    R"(COPY "dit.reference_postcodes"."L1" (data_source_row_id, postcode,
        local_authority_district_code, local_authority_district_name, region_code, region_name,
        national_grid_ref_easting, national_grid_ref_northing, date_of_introduction) FROM STDIN)");
    std::string buffer;
    for (int i = 0; i < rows; ++i) {
        const auto& district = kDistricts[static_cast<std::size_t>(i) % kDistricts.size()];
        buffer += std::to_string(i + 1) + '\t' + postcode(i) + '\t' + district.code + '\t' +
                  district.name + '\t' + district.region_code + '\t' + district.region + '\t' +
                  std::to_string(390000 + i * 7) + '\t' + std::to_string(800000 - i * 5) + '\t' +
                  "1980-0" + std::to_string(1 + i % 9) + "-01\n";
    }
    copy.write(buffer);
    return static_cast<std::int64_t>(copy.finish());
}

std::int64_t load_ons_postcodes(db::Connection& connection, int rows) {
    if (row_count(connection, R"("ons.postcode_directory"."L1")") > 0) return 0;
    db::CopyIn copy(connection,
                    R"(COPY "ons.postcode_directory"."L1" (data_source_row_id, pcd, pcd2, pcds,
        dointr, doterm, oscty, oslaua, osward, ctry, rgn, lat, long, publication_date) FROM STDIN)");
    std::string buffer;
    for (int i = 0; i < rows; ++i) {
        const auto& district = kDistricts[static_cast<std::size_t>(i) % kDistricts.size()];
        auto code = postcode(i);
        auto compact = code;
        std::erase(compact, ' ');
        buffer += std::to_string(i + 1) + '\t' + compact + '\t' + code + '\t' + code + '\t' +
                  "2001-0" + std::to_string(1 + i % 9) + "-01\t" +
                  (i % 10 == 0 ? "2015-06-01" : "\\N") + '\t' + district.code + '\t' +
                  district.code + "\tE0500" + std::to_string(1000 + i % 900) + '\t' +
                  std::string(district.region_code).substr(0, 1) + "92000001\t" +
                  district.region_code + '\t' + std::to_string(51.0 + (i % 1000) / 1000.0) + '\t' +
                  std::to_string(-1.0 + (i % 500) / 1000.0) + "\t2019-05-01\n";
    }
    copy.write(buffer);
    return static_cast<std::int64_t>(copy.finish());
}

}  // namespace

SampleReport load_sample(db::Connection& connection, int ons_rows, int reference_rows) {
    SampleReport report;
    db::Transaction transaction(connection);
    auto existing = auth::find_hawk_client(connection, kDemoClient);
    if (!existing) {
        auth::HawkClient client{{kDemoClient, core::random_token(32), "sha256"}, {"*"}};
        auth::add_hawk_client(connection, client, "demo client created by make run");
        existing = client;
    }
    report.client_id = existing->credentials.id;
    report.client_key = existing->credentials.key;
    report.reference_postcodes = load_reference_postcodes(connection, reference_rows);
    report.ons_postcodes = load_ons_postcodes(connection, ons_rows);
    transaction.commit();
    return report;
}

}  // namespace dss::sample
