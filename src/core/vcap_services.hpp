// Cloud Foundry's VCAP_SERVICES: bound PostgreSQL, Redis and S3 services override configuration.
#pragma once

#include "core/environment.hpp"

namespace dss::core {

class Config;

// Applies the first `postgres`, `redis` and `aws-s3-bucket` services' credentials, if any.
void apply_vcap_services(const Environment& environment, Config& config);

}  // namespace dss::core
