#include "pipelines/pipeline_runner.hpp"

#include <optional>

#include "core/logging.hpp"
#include "db/transaction.hpp"
#include "pipelines/datafile_registry.hpp"
#include "pipelines/source_file_reader.hpp"
#include "pipelines/source_listing.hpp"
#include "pipelines/source_loader.hpp"

namespace dss::pipelines {
namespace {

// Loads every part of `file` into `outcome`: the L0 rows added, the documents skipped.
void load_file(const storage::Storage& storage, const SourceDefinition& source,
               SourceLoader& loader, const SourceFile& file, const RunOptions& options,
               FileResult& outcome) {
    read_source_file(
        storage, source, file,
        [&](CsvPart& part) {
            outcome.rows_added += loader.load(part, options.on_progress, options.stop_requested);
            outcome.skipped_documents.add_all(part.text.skipped());
        },
        options.zip_member_limit);
}

// What the registry keeps about a file that loaded: the documents it left out, if any.
std::optional<std::string> registry_note(const FileResult& outcome) {
    if (outcome.skipped_documents.empty()) return std::nullopt;
    return outcome.skipped_documents.summary(20);
}

}  // namespace

PipelineRunner::PipelineRunner(db::Connection& connection, const storage::Storage& storage,
                               std::string datasets_folder)
    : connection_(connection), storage_(storage), datasets_folder_(std::move(datasets_folder)) {}

SourceResult PipelineRunner::run(const SourceDefinition& source, const RunOptions& options) {
    SourceResult result{source.id, {}, {}, 0, {}};
    try {
        const SourceListing listing(storage_, source, datasets_folder_);
        result.where = listing.where();
        core::logger("ingest")->info("{}: {} files from {}", source.id,
                                     options.force ? "rebuilding from the" : "loading new",
                                     result.where);
        SourceLoader loader(connection_, source);
        loader.ensure_tables();
        if (options.force) {
            rebuild(source, listing, loader, options, result);
        } else {
            load_new_files(source, listing, loader, options, result);
        }
    } catch (const std::exception& error) {
        result.error = error.what();
        DSS_LOG_ERROR("ingest", "{}: {}", source.id, result.error);
    }
    return result;
}

void PipelineRunner::load_new_files(const SourceDefinition& source, const SourceListing& listing,
                                    SourceLoader& loader, const RunOptions& options,
                                    SourceResult& result) {
    DatafileRegistry registry(connection_);
    auto done = registry.done_files(source.id);
    auto files = listing.files();
    if (files.empty() && !done.empty()) {
        core::logger("ingest")->warn(
            "{}: no files in {}, although the registry records {} as loaded: is that the right "
            "storage?",
            source.id, result.where, done.size());
    }
    for (const auto& file : files) {
        if (done.contains(file.name)) {
            ++result.skipped;
            continue;
        }
        FileResult outcome{file.name, false, 0, {}, {}};
        try {
            db::Transaction transaction(connection_);
            loader.lock();
            if (auto entry = registry.find(source.id, file.name);
                entry && entry->state == FileState::processed) {
                ++result.skipped;  // another run loaded it while this one waited
                continue;
            }
            load_file(storage_, source, loader, file, options, outcome);
            registry.record(source.id, file.name, FileState::processed, registry_note(outcome));
            transaction.commit();
            outcome.succeeded = true;
        } catch (const std::exception& error) {
            outcome.error = file.storage_name + ": " + error.what();
            DSS_LOG_ERROR("ingest", "{} failed: {}", source.id, outcome.error);
        }
        auto failure = outcome.succeeded ? std::string() : outcome.error;
        result.files.push_back(std::move(outcome));
        if (failure.empty()) continue;
        if (!connection_.is_open()) {
            // Nothing more can load, and the failure is the connection's, not the file's.
            throw std::runtime_error("the connection to the database was lost; files after " +
                                     file.name + " were not tried");
        }
        // The file's work is rolled back; its failure is recorded on its own.
        registry.record(source.id, file.name, FileState::failed, failure);
    }
}

// One transaction: the files are listed under the source's lock (so that none loaded by another
// run in the meantime is lost), the tables emptied and every file loaded again.
void PipelineRunner::rebuild(const SourceDefinition& source, const SourceListing& listing,
                             SourceLoader& loader, const RunOptions& options,
                             SourceResult& result) {
    DatafileRegistry registry(connection_);
    std::vector<SourceFile> files;
    std::optional<std::size_t> loading;  // the file being loaded when something fails
    try {
        db::Transaction transaction(connection_);
        loader.lock();
        files = listing.files();
        if (files.empty() && !options.allow_empty) {
            throw std::runtime_error("refusing to rebuild from an empty listing: no files in " +
                                     listing.where() +
                                     " (--allow-empty empties the source on purpose)");
        }
        loader.empty_tables();
        for (std::size_t i = 0; i < files.size(); ++i) {
            loading = i;
            FileResult outcome{files[i].name, false, 0, {}, {}};
            load_file(storage_, source, loader, files[i], options, outcome);
            registry.record(source.id, files[i].name, FileState::processed, registry_note(outcome));
            outcome.succeeded = true;
            result.files.push_back(std::move(outcome));
        }
        loading.reset();
        transaction.commit();
    } catch (const std::exception& error) {
        result.files.clear();
        if (!loading) throw;
        const auto& failed = files[*loading];
        auto message = failed.storage_name + ": " + error.what();
        for (std::size_t i = 0; i < files.size(); ++i) {
            result.files.push_back(
                {files[i].name, false, 0, i == *loading ? message : "not loaded again", {}});
        }
        throw std::runtime_error("rebuild stopped at " + failed.name +
                                 "; the tables and the registry are as they were");
    }
    loader.reclaim_space();
}

}  // namespace dss::pipelines
