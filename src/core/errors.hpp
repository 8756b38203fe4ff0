// Exception types shared by every layer; each names what went wrong and where.
#pragma once

#include <stdexcept>
#include <string>

namespace dss::core {

// Bad configuration: the message names the key and the file (or variable) it came from.
class ConfigError : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

// A command used wrongly, or input that cannot be acted on; shown to the user as is.
class UsageError : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

}  // namespace dss::core
