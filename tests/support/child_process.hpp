// Runs a program (usually the real `dss` binary) as a child, capturing its output to files,
// and kills it if the test ends first.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/temporary_directory.hpp"

namespace dss::test {

using EnvironmentOverrides = std::map<std::string, std::string>;

// The dss binary under test: DSS_BINARY, else the one this build made.
std::string dss_binary();
// The source tree: DSS_SOURCE_DIR, else the one this build came from.
std::filesystem::path source_directory();

class ChildProcess {
   public:
    // Starts `arguments[0]` with the current environment plus `environment`.
    ChildProcess(std::vector<std::string> arguments, const EnvironmentOverrides& environment = {},
                 const std::filesystem::path& working_directory = {});
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    void send_signal(int signal) const;
    // The exit status (128 + signal when killed), or nullopt if still running at the deadline.
    std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
    // Waits until `text` appears in standard output or error; false at the deadline or exit.
    bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);

    pid_t pid() const { return pid_; }
    // The child's peak resident set in KiB, known once it has exited.
    std::optional<long> peak_rss_kib() const { return peak_rss_kib_; }
    // The same while it runs (VmHWM), for servers measured between requests.
    std::optional<long> running_peak_rss_kib() const;
    std::string standard_output() const;
    std::string standard_error() const;

   private:
    TemporaryDirectory scratch_;
    pid_t pid_ = -1;
    std::optional<int> exit_status_;
    std::optional<long> peak_rss_kib_;
};

struct CommandResult {
    int exit_status;
    std::string out;
    std::string err;
};

// Runs to completion (failing the test after `timeout`).
CommandResult run_command(std::vector<std::string> arguments,
                          const EnvironmentOverrides& environment = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));
// run_command of the dss binary under test with `arguments`.
CommandResult run_dss(std::vector<std::string> arguments,
                      const EnvironmentOverrides& environment = {});

}  // namespace dss::test
