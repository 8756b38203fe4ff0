#include "jobs/upload_sweep.hpp"

namespace dss::jobs {

const char* const kStaleUploadMessage =
    "Failed for an unknown reason. Pipeline was automatically marked as failed because it did "
    "not complete within 24 hours.";

namespace {

// Timestamps are UTC without time zone, as the uploader writes them.
constexpr const char* kSweep = R"sql(
UPDATE public.pipeline_data_file
SET state = 'failed', error_message = $1
WHERE state IN ('verified', 'processing_dss', 'processing_dataflow')
  AND (started_processing_at IS NULL
       OR started_processing_at <= (now() AT TIME ZONE 'utc') - interval '24 hours')
RETURNING id::text)sql";

}  // namespace

std::vector<std::string> fail_stale_uploads(db::Connection& connection) {
    auto result = connection.execute(kSweep, kStaleUploadMessage);
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) ids.push_back(result.get<std::string>(row, 0));
    return ids;
}

}  // namespace dss::jobs
