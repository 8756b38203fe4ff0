// fork/exec with output redirected to files, so tests can read it while the child runs.
#include "support/child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX

namespace dss::test {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::vector<std::string> merged_environment(const EnvironmentOverrides& overrides) {
    std::map<std::string, std::string> variables;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string text(*entry);
        auto equals = text.find('=');
        if (equals != std::string::npos)
            variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
    for (const auto& [name, value] : overrides) variables[name] = value;
    std::vector<std::string> out;
    for (const auto& [name, value] : variables) out.push_back(name + "=" + value);
    return out;
}

int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

}  // namespace

std::string dss_binary() {
    const char* binary = std::getenv("DSS_BINARY");
    return binary != nullptr ? binary : DSS_TEST_BINARY;
}

std::filesystem::path source_directory() {
    const char* directory = std::getenv("DSS_SOURCE_DIR");
    return directory != nullptr ? directory : DSS_TEST_SOURCE_DIR;
}

ChildProcess::ChildProcess(std::vector<std::string> arguments,
                           const EnvironmentOverrides& environment,
                           const std::filesystem::path& working_directory) {
    auto out_path = scratch_.path() / "stdout";
    auto err_path = scratch_.path() / "stderr";
    auto variables = merged_environment(environment);
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& variable : variables) envp.push_back(variable.data());
    envp.push_back(nullptr);

    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // Die with the test: a crashed or killed test must not leave servers running.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (!working_directory.empty() && ::chdir(working_directory.c_str()) != 0) ::_exit(126);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
}

ChildProcess::~ChildProcess() {
    if (exit_status_ || pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
}

void ChildProcess::send_signal(int signal) const {
    if (!exit_status_) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exit_status_) {
        int status = 0;
        struct rusage usage {};
        pid_t done = ::wait4(pid_, &status, WNOHANG, &usage);
        if (done == pid_) {
            exit_status_ = decode_status(status);
            peak_rss_kib_ = usage.ru_maxrss;
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return exit_status_;
}

bool ChildProcess::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (standard_output().find(text) != std::string::npos ||
            standard_error().find(text) != std::string::npos) {
            return true;
        }
        if (wait_for_exit(std::chrono::milliseconds(0))) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::string ChildProcess::standard_output() const { return read_file(scratch_.path() / "stdout"); }
std::string ChildProcess::standard_error() const { return read_file(scratch_.path() / "stderr"); }

CommandResult run_command(std::vector<std::string> arguments,
                          const EnvironmentOverrides& environment,
                          std::chrono::milliseconds timeout) {
    ChildProcess child(std::move(arguments), environment);
    auto status = child.wait_for_exit(timeout);
    if (!status) {
        ADD_FAILURE() << "command did not finish in time; stderr:\n" << child.standard_error();
        return {-1, child.standard_output(), child.standard_error()};
    }
    return {*status, child.standard_output(), child.standard_error()};
}

CommandResult run_dss(std::vector<std::string> arguments, const EnvironmentOverrides& environment) {
    arguments.insert(arguments.begin(), dss_binary());
    return run_command(std::move(arguments), environment);
}

std::optional<long> ChildProcess::running_peak_rss_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
    }
    return std::nullopt;
}

}  // namespace dss::test
