// Log sinks and named loggers.
#include "core/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <unistd.h>

#include <array>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/json_log_sink.hpp"

namespace dss::core {
namespace {

std::string iso_time(spdlog::log_clock::time_point time) {
    auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(time);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time - seconds).count();
    std::time_t raw = spdlog::log_clock::to_time_t(seconds);
    std::tm utc{};
    gmtime_r(&raw, &utc);
    std::array<char, 32> buffer{};
    auto length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    return fmt::format("{}.{:03d}Z", std::string_view(buffer.data(), length), millis);
}

}  // namespace

void JsonLogSink::sink_it_(const spdlog::details::log_msg& message) {
    nlohmann::ordered_json line;
    line["time"] = iso_time(message.time);
    auto level = spdlog::level::to_string_view(message.level);
    line["level"] = std::string_view(level.data(), level.size());
    line["message"] = std::string_view(message.payload.data(), message.payload.size());
    line["logger"] = std::string_view(message.logger_name.data(), message.logger_name.size());
    if (message.level >= spdlog::level::err && !message.source.empty()) {
        line["file"] = message.source.filename;
        line["line"] = message.source.line;
    }
    // Replace invalid UTF-8 rather than throw: a log line must never take the process down.
    auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), stream_);
    std::fflush(stream_);
}

void JsonLogSink::flush_() { std::fflush(stream_); }

void configure_logging(std::string_view level, LogFormat format) {
    bool json = format == LogFormat::json ||
                (format == LogFormat::automatic && ::isatty(STDERR_FILENO) == 0);
    spdlog::sink_ptr sink;
    if (json) {
        sink = std::make_shared<JsonLogSink>(stderr);
    } else {
        sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        sink->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] %v");
    }
    auto parsed = spdlog::level::from_str(std::string(level));
    spdlog::drop_all();
    auto root = std::make_shared<spdlog::logger>("dss", sink);
    root->set_level(parsed);
    root->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(root);
    spdlog::set_level(parsed);
}

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
    if (auto existing = spdlog::get(name)) return existing;
    auto created = spdlog::default_logger()->clone(name);
    try {
        spdlog::register_logger(created);
    } catch (const spdlog::spdlog_ex&) {
        // Another thread registered it first; use theirs.
        return spdlog::get(name);
    }
    return created;
}

}  // namespace dss::core
