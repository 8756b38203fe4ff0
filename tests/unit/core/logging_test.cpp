// The JSON log line format machines read.
#include "core/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/json_log_sink.hpp"

namespace dss::core {
namespace {

std::vector<nlohmann::json> log_lines(const std::function<void(spdlog::logger&)>& write) {
    std::FILE* file = std::tmpfile();
    {
        auto sink = std::make_shared<JsonLogSink>(file);
        spdlog::logger logger("unit", sink);
        logger.set_level(spdlog::level::trace);
        write(logger);
    }
    std::rewind(file);
    std::vector<nlohmann::json> lines;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), file) != nullptr) {
        lines.push_back(nlohmann::json::parse(buffer.data()));
    }
    std::fclose(file);
    return lines;
}

TEST(JsonLogSink, WritesTimeLevelMessageAndLogger) {
    auto lines = log_lines([](spdlog::logger& logger) { logger.info("hello {}", "world"); });
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0]["level"], "info");
    EXPECT_EQ(lines[0]["message"], "hello world");
    EXPECT_EQ(lines[0]["logger"], "unit");
    auto time = lines[0]["time"].get<std::string>();
    EXPECT_EQ(time.size(), 24U) << time;  // 2026-11-28T10:00:00.000Z
    EXPECT_EQ(time.back(), 'Z');
    EXPECT_FALSE(lines[0].contains("file"));
}

TEST(JsonLogSink, ErrorsCarryFileAndLine) {
    // Through the macro and the named loggers every error of dss is logged with.
    auto lines = log_lines([](spdlog::logger& logger) {
        auto registered = std::make_shared<spdlog::logger>("unit-errors", logger.sinks().front());
        spdlog::register_logger(registered);
        DSS_LOG_ERROR("unit-errors", "broken {}", 1);
        spdlog::drop("unit-errors");
    });
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0]["level"], "error");
    EXPECT_EQ(lines[0]["message"], "broken 1");
    EXPECT_NE(lines[0]["file"].get<std::string>().find("logging_test.cpp"), std::string::npos);
    EXPECT_GT(lines[0]["line"].get<int>(), 0);
}

TEST(JsonLogSink, EscapesQuotesNewlinesAndBadUtf8) {
    auto lines = log_lines([](spdlog::logger& logger) { logger.warn("a \"quoted\"\nline \xff"); });
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0]["message"].get<std::string>().substr(0, 16), "a \"quoted\"\nline ");
}

}  // namespace
}  // namespace dss::core
