#include "core/termination_request.hpp"

#include <csignal>

namespace dss::core {
namespace {

// A signal handler can reach nothing else: this flag is the one thing it writes.
volatile std::sig_atomic_t termination_signalled = 0;  // NOLINT: written by the handler

extern "C" void on_termination_signal(int /*signal*/) { termination_signalled = 1; }

void install(void (*handler)(int)) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    // The handler runs once: the next signal has its default effect and ends the process.
    action.sa_flags = handler == SIG_DFL ? 0 : static_cast<int>(SA_RESETHAND);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

}  // namespace

TerminationRequest::TerminationRequest() {
    termination_signalled = 0;
    install(&on_termination_signal);
}

TerminationRequest::~TerminationRequest() { install(SIG_DFL); }

bool TerminationRequest::requested() const { return termination_signalled != 0; }

}  // namespace dss::core
