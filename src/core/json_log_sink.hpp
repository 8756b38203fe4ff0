// An spdlog sink writing one JSON object per line: time, level, message, logger, and the
// source file and line for errors.
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <cstdio>
#include <mutex>

namespace dss::core {

class JsonLogSink final : public spdlog::sinks::base_sink<std::mutex> {
   public:
    explicit JsonLogSink(std::FILE* stream) : stream_(stream) {}

   protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override;

   private:
    std::FILE* stream_;
};

}  // namespace dss::core
