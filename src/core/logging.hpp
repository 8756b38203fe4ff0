// Logging set-up: JSON lines for machines, readable lines for people at a terminal.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string_view>

namespace dss::core {

enum class LogFormat {
    automatic,  // json unless standard error is a terminal
    json,
    text,
};

// Installs the process's log sink on standard error; safe to call again to change the level.
void configure_logging(std::string_view level, LogFormat format = LogFormat::automatic);

// A named logger ("http", "db", "access", ...) sharing the configured sink and level.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

}  // namespace dss::core
