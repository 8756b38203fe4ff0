#include "generated_files.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace dss::bench {
namespace {

// A FILE* that closes itself, writing through a large buffer.
struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using OutputFile = std::unique_ptr<std::FILE, FileCloser>;

OutputFile open_for_writing(const std::filesystem::path& path) {
    std::filesystem::create_directories(path.parent_path());
    OutputFile file(std::fopen(path.c_str(), "wb"));
    if (!file) throw std::runtime_error("cannot write " + path.string());
    return file;
}

void flush_buffer(fmt::memory_buffer& buffer, std::FILE* file, const std::filesystem::path& path) {
    if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size())
        throw std::runtime_error("short write to " + path.string());
    buffer.clear();
}

// The postcode of row `n`, in sorted order as the ONS publishes them: area, a two-digit
// district, sector and unit (6 million distinct codes).
std::string postcode(long n) {
    static constexpr const char* kAreas[] = {"AB", "B", "CF", "E", "G", "LS", "M", "N", "SW", "YO"};
    auto unit2 = static_cast<char>('A' + n % 26);
    auto unit1 = static_cast<char>('A' + (n / 26) % 26);
    auto sector = (n / 676) % 10;
    auto district = (n / 6760) % 90 + 10;
    auto area = kAreas[(n / 608400) % 10];
    return fmt::format("{}{} {}{}{}", area, district, sector, unit1, unit2);
}

}  // namespace

void write_onspd_csv(const std::filesystem::path& path, long rows) {
    auto file = open_for_writing(path);
    fmt::memory_buffer buffer;
    fmt::format_to(
        std::back_inserter(buffer),
        "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,"
        "osnrth1m,osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,nuts,"
        "statsward,oa01,casward,park,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,"
        "ccg,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,stp\n");
    for (long n = 0; n < rows; ++n) {
        auto code = postcode(n);
        auto introduced = fmt::format("{}{:02}", 1980 + n % 40, n % 12 + 1);
        auto terminated = n % 7 == 0 ? fmt::format("{}{:02}", 2000 + n % 19, n % 12 + 1) : "";
        fmt::format_to(
            std::back_inserter(buffer),
            "\"{0}\",\"{0}\",\"{0}\",\"{1}\",\"{2}\",\"E1000000{3}\",\"E5800{4:04}\","
            "\"E0600{5:04}\",\"E0501{6:04}\",\"E0400{7:04}\",\"{8}\",\"{9}\",\"{10}\",\"1\","
            "\"E1800000{3}\",\"E4000000{11}\",\"E92000001\",\"E1200000{11}\",\"0\","
            "\"E1400{12:04}\",\"E1500000{11}\",\"E4100{13:04}\",\"E3000{14:04}\",\"E1600{15:04}\","
            "\"UKI{16:02}\",\"00AA{17:02}\",\"E00{18:06}\",\"00AAF{3}\",\"E99999999\","
            "\"E0100{19:04}\",\"E0200{20:04}\",\"{21}\",\"{22}A{23}\",\"E00{24:06}\","
            "\"E0100{19:04}\",\"E0200{20:04}\",\"E3300{25:04}\",\"E3800{26:04}\",\"E3400{27:04}\","
            "\"E3500{28:04}\",\"{21}1\",\"{22}B{23}\",\"{29:.6f}\",\"{30:.6f}\",\"E3700{31:04}\","
            "\"\",\"E2300000{11}\",\"{32}\",\"E5600{33:04}\",\"E5400{34:04}\"\n",
            code, introduced, terminated, n % 10, n % 9999, n % 326, n % 8999, n % 9000, n % 9,
            300000 + n % 350000, 100000 + n % 900000, n % 9, n % 650, n % 400, n % 228, n % 211,
            n % 60, n % 99, n % 181408, n % 34753, n % 7201, "ABCDEF"[n % 6], n % 8 + 1, n % 4,
            n % 188880, n % 8480, n % 191, n % 1700, n % 99,
            50.0 + static_cast<double>(n % 800000) / 100000.0,
            -5.0 + static_cast<double>(n % 700000) / 100000.0, n % 39, n % 32844, n % 99, n % 42);
        if (buffer.size() > (1 << 20)) flush_buffer(buffer, file.get(), path);
    }
    flush_buffer(buffer, file.get(), path);
}

void write_reference_postcodes_csv(const std::filesystem::path& path, long rows) {
    auto file = open_for_writing(path);
    fmt::memory_buffer buffer;
    fmt::format_to(std::back_inserter(buffer),
                   "Postcode,Local Authority District Code,Local Authority District Name,"
                   "LEP1 Code,LEP1 Name,LEP2 Code,LEP2 Name,Region Code,Region Name,"
                   "National Grid Ref Easting,National Grid Ref Northing,Date of Introduction,"
                   "Date of Termination\n");
    for (long n = 0; n < rows; ++n) {
        fmt::format_to(std::back_inserter(buffer),
                       "{},E0600{:04},District {},E3700{:04},Partnership {},,,E1200000{},Region {},"
                       "{},{},{}-{:02}-01,{}\n",
                       postcode(n), n % 326, n % 326, n % 39, n % 39, n % 9, n % 9,
                       300000 + n % 350000, 100000 + n % 900000, 1980 + n % 40, n % 12 + 1,
                       n % 7 == 0 ? fmt::format("{}-{:02}-01", 2000 + n % 19, n % 12 + 1) : "");
        if (buffer.size() > (1 << 20)) flush_buffer(buffer, file.get(), path);
    }
    flush_buffer(buffer, file.get(), path);
}

namespace {

// libzip asks for a member's bytes while it writes the zip: they are made then, and dropped
// when it has read them. No exception crosses the callback.
struct GeneratedMember {
    std::function<std::string(std::size_t)> content_of;
    std::size_t index = 0;
    std::string content;
    std::size_t position = 0;
};

zip_int64_t generated_member_callback(void* user, void* data, zip_uint64_t length,
                                      zip_source_cmd_t command) noexcept {
    auto& member = *static_cast<GeneratedMember*>(user);
    try {
        switch (command) {
            case ZIP_SOURCE_OPEN:
                member.content = member.content_of(member.index);
                member.position = 0;
                return 0;
            case ZIP_SOURCE_READ: {
                auto count = std::min<std::size_t>(length, member.content.size() - member.position);
                std::memcpy(data, member.content.data() + member.position, count);
                member.position += count;
                return static_cast<zip_int64_t>(count);
            }
            case ZIP_SOURCE_CLOSE:
                std::string().swap(member.content);
                return 0;
            case ZIP_SOURCE_STAT:
                zip_stat_init(static_cast<zip_stat_t*>(data));
                return sizeof(zip_stat_t);
            case ZIP_SOURCE_ERROR:
                return 0;
            case ZIP_SOURCE_FREE:
                delete &member;
                return 0;
            case ZIP_SOURCE_SUPPORTS:
                return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                                      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
            default:
                return -1;
        }
    } catch (...) {
        return -1;
    }
}

}  // namespace

void zip_generated_members(const std::filesystem::path& zip, std::size_t count,
                           const std::function<std::string(std::size_t)>& name_of,
                           const std::function<std::string(std::size_t)>& content_of) {
    std::filesystem::create_directories(zip.parent_path());
    int error = 0;
    zip_t* archive = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("cannot create " + zip.string());
    for (std::size_t i = 0; i < count; ++i) {
        auto* member = new GeneratedMember{content_of, i, {}, 0};
        zip_source_t* source = zip_source_function(archive, &generated_member_callback, member);
        if (source == nullptr) delete member;
        auto name = name_of(i);
        zip_int64_t index =
            source == nullptr ? -1 : zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0 && source != nullptr) zip_source_free(source);
        if (index < 0 || zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                                  ZIP_CM_DEFLATE, 6) < 0) {
            zip_discard(archive);
            throw std::runtime_error("cannot add " + name + " to " + zip.string());
        }
    }
    if (zip_close(archive) != 0) {
        std::string why = zip_strerror(archive);
        zip_discard(archive);
        throw std::runtime_error("cannot write " + zip.string() + ": " + why);
    }
}

void zip_single_file(const std::filesystem::path& file, const std::filesystem::path& zip,
                     const std::string& member) {
    std::filesystem::create_directories(zip.parent_path());
    int error = 0;
    zip_t* archive = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("cannot create " + zip.string());
    zip_source_t* source = zip_source_file(archive, file.c_str(), 0, -1);
    zip_int64_t index =
        source == nullptr ? -1 : zip_file_add(archive, member.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0 && source != nullptr) zip_source_free(source);  // not taken by the archive
    // zlib's usual level 6, as the publishers' tools use; libzip's default is much slower here.
    if (index < 0 || zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                              ZIP_CM_DEFLATE, 6) < 0) {
        zip_discard(archive);
        throw std::runtime_error("cannot add " + file.string() + " to " + zip.string());
    }
    // zip_close does the deflating, reading the file as it goes.
    if (zip_close(archive) != 0) {
        std::string why = zip_strerror(archive);
        zip_discard(archive);
        throw std::runtime_error("cannot write " + zip.string() + ": " + why);
    }
}

}  // namespace dss::bench
