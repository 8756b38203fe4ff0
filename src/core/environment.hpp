// The variables configuration reads: the process environment, optionally over a .env file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dss::core {

// A snapshot of environment variables. Reading through this value instead of getenv() keeps
// configuration testable and leaves the process environment untouched.
class Environment {
   public:
    static Environment from_process();
    static Environment from_map(std::map<std::string, std::string, std::less<>> variables);

    std::optional<std::string> get(std::string_view name) const;
    // A 0/1 switch such as TESTING or USE_DOTENV; anything but an integer is a ConfigError.
    bool flag(std::string_view name) const;

    // Adds variables that are not set yet (a .env file never overrides the real environment).
    void add_missing(const std::map<std::string, std::string, std::less<>>& variables);

   private:
    explicit Environment(std::map<std::string, std::string, std::less<>> variables);
    std::map<std::string, std::string, std::less<>> variables_;
};

}  // namespace dss::core
