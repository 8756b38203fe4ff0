// The lines a command prints for each source it ran: counts, each failed file with its reason,
// and a failure outside any file.
#pragma once

#include "pipelines/source_result.hpp"

namespace dss::cli {

void print_source_summary(const pipelines::SourceResult& result);

}  // namespace dss::cli
