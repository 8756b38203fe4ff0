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
    // The DATAFLOW_* settings that point dss at this stand-in, polling every second.
    EnvironmentOverrides dss_settings() const {
        return {{"DATAFLOW_BASE_URL", url_},
                {"DATAFLOW_HAWK_ID", "dataflow-client"},
                {"DATAFLOW_HAWK_KEY", "dataflow-key-0123456789"},
                {"DATAFLOW_POLL_INTERVAL", "1"}};
    }

   private:
    ChildProcess process_;
    std::string url_;
};

}  // namespace dss::test
