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

// Logs an error with the file and line it comes from, which the JSON lines carry for errors:
// DSS_LOG_ERROR("http", "{} failed: {}", what, why). A macro because only a macro knows where
// it was written.
#define DSS_LOG_ERROR(logger_name, ...)                                                     \
    ::dss::core::logger(logger_name)                                                        \
        ->log(::spdlog::source_loc{__FILE__, __LINE__, static_cast<const char*>(__func__)}, \
              ::spdlog::level::err, __VA_ARGS__)
