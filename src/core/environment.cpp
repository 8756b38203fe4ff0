// Environment snapshot and the 0/1 switch rule shared with the reference system.
#include "core/environment.hpp"

#include <unistd.h>

#include <charconv>

#include "core/errors.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in <unistd.h>

namespace dss::core {

Environment::Environment(std::map<std::string, std::string, std::less<>> variables)
    : variables_(std::move(variables)) {}

Environment Environment::from_process() {
    std::map<std::string, std::string, std::less<>> variables;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        auto equals = text.find('=');
        if (equals == std::string_view::npos) continue;
        variables.emplace(std::string(text.substr(0, equals)),
                          std::string(text.substr(equals + 1)));
    }
    return Environment(std::move(variables));
}

Environment Environment::from_map(std::map<std::string, std::string, std::less<>> variables) {
    return Environment(std::move(variables));
}

std::optional<std::string> Environment::get(std::string_view name) const {
    auto found = variables_.find(name);
    if (found == variables_.end()) return std::nullopt;
    return found->second;
}

bool Environment::flag(std::string_view name) const {
    auto value = get(name);
    if (!value || value->empty()) return false;
    long number = 0;
    auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), number);
    if (error != std::errc() || end != value->data() + value->size()) {
        throw ConfigError("environment variable " + std::string(name) +
                          " must be an integer (0 or 1), got '" + *value + "'");
    }
    return number != 0;
}

void Environment::add_missing(const std::map<std::string, std::string, std::less<>>& variables) {
    for (const auto& [name, value] : variables) variables_.try_emplace(name, value);
}

}  // namespace dss::core
