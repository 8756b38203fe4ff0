// Process start-up: environment, optional .env, configuration, settings, logging.
#pragma once

#include "core/settings.hpp"

namespace dss::core {

// Reads everything config.md describes and configures logging at the configured level.
// Throws ConfigError naming the key and file when anything is wrong.
Settings load_settings_and_logging();

}  // namespace dss::core
