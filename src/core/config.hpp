// Layered YAML configuration: defaults.yml, then local.yml or local_testing.yml, with
// $ENV{NAME, default} placeholders, as in ../shared/spec/config.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/config_value.hpp"
#include "core/environment.hpp"

namespace dss::core {

class Config {
   public:
    // Reads defaults.yml (required) and the local file TESTING selects (optional) from
    // `directory`, resolving placeholders against `environment`, then applies VCAP_SERVICES.
    static Config load(const std::filesystem::path& directory, const Environment& environment);

    // The directory holding defaults.yml: DSS_CONFIG_DIR, else beside the binary, else the
    // source tree's config/.
    static std::filesystem::path locate_directory(const Environment& environment);

    const ConfigValue* find(std::string_view key) const;
    std::string string(std::string_view key) const;
    std::int64_t integer(std::string_view key) const;
    bool boolean(std::string_view key) const;

    void set(const std::string& key, ConfigValue value);
    // Keys in dotted form ("app.database_url"), sorted.
    const std::map<std::string, ConfigValue, std::less<>>& values() const { return values_; }

   private:
    const ConfigValue& require(std::string_view key) const;
    std::map<std::string, ConfigValue, std::less<>> values_;
};

// Replaces each $ENV{NAME, default} in `text`; `where` names the key and file for errors.
std::string substitute_placeholders(std::string_view text, const Environment& environment,
                                    std::string_view where);

}  // namespace dss::core
