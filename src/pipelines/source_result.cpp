#include "pipelines/source_result.hpp"

#include <algorithm>

namespace dss::pipelines {

bool SourceResult::succeeded() const { return error.empty() && failed() == 0; }

std::size_t SourceResult::processed() const {
    return static_cast<std::size_t>(std::count_if(
        files.begin(), files.end(), [](const FileResult& file) { return file.succeeded; }));
}

std::size_t SourceResult::failed() const { return files.size() - processed(); }

std::int64_t SourceResult::rows_added() const {
    std::int64_t rows = 0;
    for (const auto& file : files) rows += file.rows_added;
    return rows;
}

bool SourceResult::changed_data() const {
    return std::any_of(files.begin(), files.end(), [](const FileResult& file) {
        return file.succeeded && file.rows_added > 0;
    });
}

}  // namespace dss::pipelines
