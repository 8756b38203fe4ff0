// The reference Hawk implementation (npm hawk) standing in for data-flow: it authenticates a
// trigger as client `dataflow-client` with key `dataflow-key-0123456789`, checks its payload
// hash and echoes what it received on its standard error, which dss passes on.
#pragma once

#include <string>

#include "support/child_process.hpp"

namespace dss::test {

class DataflowPeer {
   public:
    DataflowPeer();
    const std::string& url() const { return url_; }

   private:
    ChildProcess process_;
    std::string url_;
};

}  // namespace dss::test
