#include "jobs/scheduler.hpp"

#include <fmt/ranges.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/system_timer.hpp>
#include <csignal>
#include <cstring>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "core/logging.hpp"
#include "db/connection.hpp"
#include "jobs/upload_sweep.hpp"

extern char** environ;  // NOLINT: POSIX's own declaration, for posix_spawn

namespace dss::jobs {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::system_clock;

// How long a nightly run asked to stop may take before it is killed.
constexpr std::chrono::seconds kNightlyStopGrace{30};

class Scheduler {
   public:
    Scheduler(const core::Settings& settings, std::string dss_binary)
        : settings_(settings),
          options_(settings.scheduler),
          dss_binary_(std::move(dss_binary)),
          signals_(io_, SIGTERM, SIGINT),
          sweep_timer_(io_),
          nightly_timer_(io_),
          child_timer_(io_) {}

    int run() {
        auto log = core::logger("scheduler");
        log->info("scheduler started: sweep every {} s, nightly {}",
                  options_.sweep_interval.count(),
                  options_.nightly_at ? "at " + describe(*options_.nightly_at) + " UTC" : "off");
        signals_.async_wait([this](const auto& error, int signal) {
            if (!error) stop(signal);
        });
        schedule_sweep(std::chrono::seconds(0));
        if (options_.nightly_at) schedule_nightly();
        io_.run();
        finish_sweep();
        stop_nightly();
        log->info("scheduler stopped");
        return 0;
    }

   private:
    static std::string describe(std::chrono::seconds time_of_day) {
        auto seconds = time_of_day.count();
        return fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    void stop(int signal) {
        core::logger("scheduler")->info("signal {}: stopping", signal);
        stopping_ = true;
        sweep_timer_.cancel();
        nightly_timer_.cancel();
        child_timer_.cancel();  // stop_nightly() waits for the child, with its grace period
        // A sweep in flight is cancelled; the io loop ends once the timers are gone.
        if (auto canceller = sweep_canceller()) db::cancel_statement(canceller);
        if (child_ > 0) ::kill(child_, SIGTERM);
    }

    void schedule_sweep(std::chrono::seconds after) {
        sweep_timer_.expires_after(after);
        sweep_timer_.async_wait([this](const auto& error) {
            if (error || stopping_) return;
            start_sweep();
            schedule_sweep(options_.sweep_interval);
        });
    }

    // The sweep runs off the io thread, so that SIGTERM is heard while it waits for the
    // database; a sweep still running when the next is due is not started twice.
    void start_sweep() {
        if (sweep_.valid() &&
            sweep_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            core::logger("scheduler")->warn("sweep skipped: the previous one is still running");
            return;
        }
        finish_sweep();
        sweep_ = std::async(std::launch::async, [this] { sweep(); });
    }

    void sweep() {
        auto log = core::logger("scheduler");
        try {
            db::Connection connection(settings_.database.url,
                                      {settings_.database.connect_timeout, "dss scheduler"});
            set_sweep_canceller(connection.canceller());
            if (stopping_) return;
            auto ids = fail_stale_uploads(connection);
            set_sweep_canceller(nullptr);
            log->info("sweep: {} uploads marked failed after 24 hours{}", ids.size(),
                      ids.empty() ? "" : ": " + fmt::format("{}", fmt::join(ids, ", ")));
        } catch (const std::exception& error) {
            set_sweep_canceller(nullptr);
            if (stopping_) {
                log->info("sweep stopped: {}", error.what());
            } else {
                DSS_LOG_ERROR("scheduler", "sweep failed: {}", error.what());
            }
        }
    }

    std::shared_ptr<PGcancel> sweep_canceller() {
        std::lock_guard lock(canceller_mutex_);
        return sweep_canceller_;
    }

    void set_sweep_canceller(std::shared_ptr<PGcancel> canceller) {
        std::lock_guard lock(canceller_mutex_);
        sweep_canceller_ = std::move(canceller);
    }

    // Waits for a sweep still running. After SIGTERM, its statement is cancelled again and
    // again: a cancel sent before the statement reached the server finds nothing to cancel.
    void finish_sweep() {
        if (!sweep_.valid()) return;
        while (stopping_ &&
               sweep_.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
            if (auto canceller = sweep_canceller()) db::cancel_statement(canceller);
        }
        sweep_.get();
    }

    void schedule_nightly() {
        auto due = next_daily(Clock::now(), *options_.nightly_at);
        nightly_timer_.expires_at(due);
        nightly_timer_.async_wait([this](const auto& error) {
            if (error || stopping_) return;
            start_nightly();
            schedule_nightly();
        });
    }

    void start_nightly() {
        auto log = core::logger("scheduler");
        if (child_ > 0) {
            log->warn("nightly run skipped: the previous one (pid {}) is still running", child_);
            return;
        }
        std::vector<std::string> arguments{dss_binary_, "nightly", "--all"};
        std::vector<char*> argv;
        argv.reserve(arguments.size() + 1);
        for (auto& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        if (int error = ::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
            error != 0) {
            DSS_LOG_ERROR("scheduler", "nightly run could not start: {}", std::strerror(error));
            return;
        }
        child_ = pid;
        log->info("nightly run started (pid {})", pid);
        watch_child();
    }

    void watch_child() {
        child_timer_.expires_after(std::chrono::seconds(1));
        child_timer_.async_wait([this](const auto& error) {
            if (error || stopping_ || child_ <= 0) return;
            int status = 0;
            if (::waitpid(child_, &status, WNOHANG) == child_) {
                report_child(status);
                return;
            }
            watch_child();
        });
    }

    void report_child(int status) {
        auto log = core::logger("scheduler");
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            log->info("nightly run (pid {}) succeeded", child_);
        } else if (WIFEXITED(status)) {
            DSS_LOG_ERROR("scheduler", "nightly run (pid {}) failed with exit status {}", child_,
                          WEXITSTATUS(status));
        } else {
            DSS_LOG_ERROR("scheduler", "nightly run (pid {}) ended by signal {}", child_,
                          WTERMSIG(status));
        }
        child_ = -1;
    }

    // After SIGTERM: the nightly run was asked to stop (its loads roll back whole); it is
    // waited for, and killed if it takes too long.
    void stop_nightly() {
        if (child_ <= 0) return;
        auto deadline = std::chrono::steady_clock::now() + kNightlyStopGrace;
        int status = 0;
        while (::waitpid(child_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(child_, SIGKILL);
                ::waitpid(child_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        report_child(status);
    }

    const core::Settings& settings_;
    const core::SchedulerSettings& options_;
    std::string dss_binary_;
    asio::io_context io_;
    asio::signal_set signals_;
    asio::steady_timer sweep_timer_;
    asio::system_timer nightly_timer_;
    asio::steady_timer child_timer_;
    std::atomic<bool> stopping_{false};
    std::future<void> sweep_;
    std::mutex canceller_mutex_;
    std::shared_ptr<PGcancel> sweep_canceller_;  // the sweep's statement, while it runs
    pid_t child_ = -1;
};

}  // namespace

std::chrono::system_clock::time_point next_daily(std::chrono::system_clock::time_point now,
                                                 std::chrono::seconds time_of_day) {
    auto today = std::chrono::floor<std::chrono::days>(now);
    auto due = today + time_of_day;
    return due > now ? due : due + std::chrono::days(1);
}

int run_scheduler(const core::Settings& settings, const std::string& dss_binary) {
    return Scheduler(settings, dss_binary).run();
}

}  // namespace dss::jobs
