#include "support/dataflow_peer.hpp"

#include <chrono>
#include <stdexcept>

namespace dss::test {

DataflowPeer::DataflowPeer()
    : process_({"/usr/bin/env", "node",
                (source_directory() / "tests" / "interop" / "hawk_server.js").string()},
               {{"HAWK_ID", "dataflow-client"}, {"HAWK_KEY", "dataflow-key-0123456789"}}) {
    if (!process_.wait_for_output("listening on", std::chrono::seconds(20)))
        throw std::runtime_error("hawk_server.js did not start: " + process_.standard_error());
    auto out = process_.standard_output();
    url_ = "http://127.0.0.1:" + out.substr(out.find("listening on ") + 13);
    while (!url_.empty() && (url_.back() == '\n' || url_.back() == '\r')) url_.pop_back();
}

}  // namespace dss::test
