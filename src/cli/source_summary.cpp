#include "cli/source_summary.hpp"

#include <fmt/core.h>

namespace dss::cli {

void print_source_summary(const pipelines::SourceResult& result) {
    fmt::print("{}: {} processed, {} skipped, {} failed, {} rows added\n", result.source,
               result.processed(), result.skipped, result.failed(), result.rows_added());
    for (const auto& file : result.files) {
        if (!file.succeeded) fmt::print("  failed {}: {}\n", file.file, file.error);
        if (!file.skipped_documents.empty())
            fmt::print("  {}: {}\n", file.file, file.skipped_documents.summary(10));
    }
    if (!result.error.empty()) fmt::print("  error: {}\n", result.error);
    std::fflush(stdout);
}

}  // namespace dss::cli
