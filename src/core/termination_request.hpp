// SIGTERM or SIGINT as a request to stop, for jobs that must not leave work half-done: the
// first signal sets a flag that long jobs check between pieces of work (a download stops and
// leaves no partial file, a load rolls back); a second one ends the process at once, as usual.
#pragma once

namespace dss::core {

class TerminationRequest {
   public:
    // Installs the handlers; the destructor restores the defaults. One at a time.
    TerminationRequest();
    TerminationRequest(const TerminationRequest&) = delete;
    TerminationRequest& operator=(const TerminationRequest&) = delete;
    ~TerminationRequest();

    bool requested() const;
};

}  // namespace dss::core
