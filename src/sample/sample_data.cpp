#include "sample/sample_data.hpp"

#include <algorithm>

#include "auth/hawk_client_directory.hpp"
#include "core/crypto.hpp"
#include "db/transaction.hpp"
#include "sample/sample_files.hpp"

namespace dss::sample {
namespace {

constexpr const char* kDemoClient = "demo-client";

auth::HawkClient demo_client(db::Connection& connection) {
    db::Transaction transaction(connection);
    auto existing = auth::find_hawk_client(connection, kDemoClient);
    if (!existing) {
        auth::HawkClient client{{kDemoClient, core::random_token(32), "sha256"}, {"*"}};
        auth::add_hawk_client(connection, client, "demo client created by make run");
        existing = client;
    }
    transaction.commit();
    return *existing;
}

}  // namespace

SampleReport load_sample(db::Connection& connection, storage::Storage& storage,
                         const std::string& datasets_folder,
                         const std::vector<pipelines::SourceDefinition>& sources) {
    SampleReport report;
    auto client = demo_client(connection);
    report.client_id = client.credentials.id;
    report.client_key = client.credentials.key;

    std::vector<const pipelines::SourceDefinition*> sampled;
    for (const auto& file : sample_files()) {
        auto source = std::find_if(sources.begin(), sources.end(),
                                   [&](const auto& known) { return known.id == file.source; });
        if (source == sources.end()) continue;  // a configuration without that source
        auto folder = pipelines::storage_folder(*source, datasets_folder);
        auto name = folder + "/" + file.name;
        auto present = storage.list(folder);
        if (!present.empty()) {
            // Only a sample written before is loaded (or skipped); real files are left to
            // `dss ingest`, which may take hours over them.
            bool sample_there = std::any_of(present.begin(), present.end(),
                                            [&](const auto& entry) { return entry.name == name; });
            if (sample_there) sampled.push_back(&*source);
            continue;
        }
        sampled.push_back(&*source);
        auto output = storage.create(name);
        output->write(file.content);
        output->publish();
        report.files_written.push_back(name);
    }
    pipelines::PipelineRunner runner(connection, storage, datasets_folder);
    for (const auto* source : sampled) report.sources.push_back(runner.run(*source, {}));
    return report;
}

}  // namespace dss::sample
