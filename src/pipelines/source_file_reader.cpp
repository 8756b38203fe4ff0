#include "pipelines/source_file_reader.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "core/ascii_case.hpp"
#include "core/logging.hpp"
#include "formats/csv_text.hpp"
#include "formats/hmrc_exporters_text.hpp"
#include "formats/mac_roman.hpp"
#include "formats/spooled_file.hpp"
#include "formats/xbrl/accounts_document.hpp"
#include "formats/xbrl_accounts_text.hpp"
#include "formats/zip_archive.hpp"
#include "pipelines/ignore_rules.hpp"
#include "pipelines/member_pattern.hpp"
#include "storage/storage_path.hpp"

namespace dss::pipelines {
namespace {

// Members a zip names twice: loaded both, in zip order, but an operator should know. Views,
// sorted: a zip of Companies House accounts names hundreds of thousands.
void warn_of_repeated_members(const formats::ZipArchive& archive, const std::string& label) {
    std::vector<std::string_view> names(archive.members().begin(), archive.members().end());
    std::sort(names.begin(), names.end());
    for (auto repeated = std::adjacent_find(names.begin(), names.end()); repeated != names.end();
         repeated =
             std::adjacent_find(std::upper_bound(repeated, names.end(), *repeated), names.end())) {
        core::logger("ingest")->warn("{} holds more than one member named {}; all are loaded",
                                     label, *repeated);
    }
}

// Calls `visit(index, member)` for each member the ignore rules and `admit` let through, in
// zip order; an error comes back with the member named (a zip may hold several). Returns
// whether any member was visited.
template <typename Admit, typename Visit>
bool for_each_member(const formats::ZipArchive& archive, const Admit& admit, const Visit& visit) {
    bool any = false;
    for (std::size_t index = 0; index < archive.members().size(); ++index) {
        const auto& member = archive.members()[index];
        if (is_ignored(member) || !admit(member)) continue;
        try {
            visit(index, member);
        } catch (const std::exception& error) {
            throw std::runtime_error(member + ": " + error.what());
        }
        any = true;
    }
    return any;
}

void read_zip(std::unique_ptr<storage::InputStream> input, const SourceDefinition& source,
              const SourceFile& file, const std::function<void(CsvPart&)>& load,
              std::uint64_t limit) {
    formats::ZipArchive archive(std::move(input), file.storage_name, limit);
    warn_of_repeated_members(archive, file.storage_name);
    std::optional<MemberPattern> pattern;
    if (!source.reader.zip_member_pattern.empty())
        pattern.emplace(source.reader.zip_member_pattern);
    // The groups of the member just admitted, for the visit that follows at once.
    std::map<std::string, std::string> groups;
    auto admitted = [&](const std::string& member) {
        if (!pattern) return true;
        auto matched = pattern->match(member);
        if (matched) groups = std::move(*matched);
        return matched.has_value();
    };
    bool any =
        for_each_member(archive, admitted, [&](std::size_t index, const std::string& member) {
            std::vector<db::Parameter> values{storage::base_name(file.name)};
            for (const auto& parameter : source.reader.parameters)
                values.emplace_back(
                    parameter_value(parameter, groups, file.storage_name + "/" + member));
            auto stream = archive.open(index);
            formats::CsvText text(*stream);
            CsvPart part{file.name + "/" + member, text, std::move(values)};
            load(part);
        });
    if (!any) {
        throw std::runtime_error(
            "no valid CSV found in the zip" +
            (pattern ? " (members must match " + source.reader.zip_member_pattern + ")"
                     : std::string()));
    }
}

// An inner zip is spooled to disk before it is read: HMRC's are a few MB, so anything near
// this is no exporter list.
constexpr std::uint64_t kLargestInnerZip = std::uint64_t{1} << 30;

// HMRC: every member of the outer zip, in zip order; a member that is a zip gives its first
// member (the downloader stores exportersYYMM.zip holding exportersYYMM).
void read_hmrc_exporters(std::unique_ptr<storage::InputStream> input, const SourceFile& file,
                         const std::function<void(CsvPart&)>& load, std::uint64_t limit) {
    formats::ZipArchive outer(std::move(input), file.storage_name, limit);
    warn_of_repeated_members(outer, file.storage_name);
    const formats::MacRomanDecoder decoder;
    auto every = [](const std::string&) { return true; };
    bool any = for_each_member(outer, every, [&](std::size_t index, const std::string& member) {
        auto stream = outer.open(index);
        std::unique_ptr<formats::ZipArchive> inner;
        std::unique_ptr<storage::InputStream> inner_stream;
        std::string label = file.name + "/" + member;
        if (core::ascii_iends_with(member, ".zip")) {
            // A zip is read from its end: the member is spooled to a temporary file first.
            auto name = file.storage_name + "/" + member;
            inner = std::make_unique<formats::ZipArchive>(
                formats::spool_to_temporary_file(*stream, std::min(limit, kLargestInnerZip), name),
                name, limit);
            if (inner->members().empty()) throw std::runtime_error("an empty zip");
            inner_stream = inner->open(0);
            label += "/" + inner->members().front();
        }
        formats::HmrcExportersText text(inner_stream ? *inner_stream : *stream, decoder,
                                        storage::base_name(file.name));
        CsvPart part{label, text, {storage::base_name(file.name)}};
        load(part);
    });
    if (!any) throw std::runtime_error("the zip holds no exporter lists");
}

// Companies House: every document of the zip, in zip order, in one COPY. Documents that cannot
// give rows are skipped and named; a zip where none can is refused.
void read_xbrl_accounts(std::unique_ptr<storage::InputStream> input, const SourceFile& file,
                        const std::function<void(CsvPart&)>& load, std::uint64_t limit) {
    formats::ZipArchive archive(std::move(input), file.storage_name, limit);
    warn_of_repeated_members(archive, file.storage_name);
    std::vector<std::size_t> documents;
    for (std::size_t index = 0; index < archive.members().size(); ++index) {
        if (!is_ignored(archive.members()[index])) documents.push_back(index);
    }
    if (documents.empty()) throw std::runtime_error("the zip holds no accounts documents");
    const std::chrono::year_month_day today{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    const formats::xbrl::AccountsDocumentReader reader(today);
    formats::XbrlAccountsText text(archive, std::move(documents), reader,
                                   std::thread::hardware_concurrency(),
                                   storage::base_name(file.name));
    CsvPart part{file.name, text, {storage::base_name(file.name)}};
    load(part);
    if (text.documents_read() == 0)
        throw std::runtime_error("no document could be read: " + text.skipped().summary(5));
}

}  // namespace

void read_source_file(const storage::Storage& storage, const SourceDefinition& source,
                      const SourceFile& file, const std::function<void(CsvPart&)>& load,
                      std::uint64_t zip_member_limit) {
    auto input = storage.open(file.storage_name);
    if (input->size() == 0) throw std::runtime_error("the file is empty");
    if (source.reader.format == FileFormat::hmrc_exporters) {
        if (!core::ascii_iends_with(file.name, ".zip"))
            throw std::runtime_error("expected a zip of HMRC exporter lists");
        read_hmrc_exporters(std::move(input), file, load, zip_member_limit);
        return;
    }
    if (source.reader.format == FileFormat::xbrl_accounts) {
        if (!core::ascii_iends_with(file.name, ".zip"))
            throw std::runtime_error("expected a zip of accounts documents");
        read_xbrl_accounts(std::move(input), file, load, zip_member_limit);
        return;
    }
    if (core::ascii_iends_with(file.name, ".zip")) {
        read_zip(std::move(input), source, file, load, zip_member_limit);
        return;
    }
    if (!source.reader.parameters.empty()) {
        throw std::runtime_error("expected a zip whose members carry " +
                                 source.reader.parameters.front().name);
    }
    formats::CsvText text(*input);
    CsvPart part{file.name, text, {storage::base_name(file.name)}};
    load(part);
}

}  // namespace dss::pipelines
