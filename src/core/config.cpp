// Loading, merging and typed reading of the YAML configuration files.
#include "core/config.hpp"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>

#include "core/ascii_text.hpp"
#include "core/build_info.hpp"
#include "core/errors.hpp"
#include "core/vcap_services.hpp"

namespace dss::core {
namespace {

constexpr std::string_view kPlaceholderStart = "$ENV{";

std::string describe(std::string_view key, const std::string& origin) {
    return "configuration key " + std::string(key) + " (from " + origin + ")";
}

// Flattens nested mappings into dotted keys; later files overwrite earlier ones key by key,
// which is the reference's deep merge.
void flatten(const YAML::Node& node, const std::string& prefix, const std::string& origin,
             const Environment& environment, std::map<std::string, ConfigValue, std::less<>>& out) {
    for (const auto& entry : node) {
        auto key = entry.first.as<std::string>();
        auto dotted = prefix.empty() ? key : prefix;
        if (!prefix.empty()) dotted.append(".").append(key);
        const YAML::Node& value = entry.second;
        switch (value.Type()) {
            case YAML::NodeType::Map:
                flatten(value, dotted, origin, environment, out);
                break;
            case YAML::NodeType::Null:
            case YAML::NodeType::Undefined:
                out.insert_or_assign(dotted, ConfigValue{std::monostate{}, origin});
                break;
            case YAML::NodeType::Sequence:
                throw ConfigError(describe(dotted, origin) + ": lists are not supported");
            case YAML::NodeType::Scalar: {
                auto where = describe(dotted, origin);
                auto text = substitute_placeholders(value.Scalar(), environment, where);
                // A quoted YAML scalar ("123") is meant as text and is not coerced.
                bool quoted = value.Tag() == "!";
                out.insert_or_assign(dotted, quoted ? ConfigValue{std::move(text), origin}
                                                    : coerce_scalar(std::move(text), origin));
                break;
            }
        }
    }
}

void read_file(const std::filesystem::path& path, const Environment& environment,
               std::map<std::string, ConfigValue, std::less<>>& out) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(path.string());
    } catch (const YAML::BadFile&) {
        throw ConfigError("cannot read configuration file " + path.string());
    } catch (const YAML::Exception& error) {
        throw ConfigError("configuration file " + path.string() + " is not valid YAML: line " +
                          std::to_string(error.mark.line + 1) + ", column " +
                          std::to_string(error.mark.column + 1) + ": " + error.msg);
    }
    if (root.IsNull()) return;
    if (!root.IsMap()) {
        throw ConfigError("configuration file " + path.string() + " must hold a mapping of keys");
    }
    flatten(root, "", path.string(), environment, out);
}

std::filesystem::path executable_directory() {
    std::array<char, 4096> buffer{};
    auto length = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    if (length <= 0) return {};
    return std::filesystem::path(std::string(buffer.data(), static_cast<std::size_t>(length)))
        .parent_path();
}

}  // namespace

std::string substitute_placeholders(std::string_view text, const Environment& environment,
                                    std::string_view where) {
    std::string out;
    std::size_t position = 0;
    while (true) {
        auto start = text.find(kPlaceholderStart, position);
        if (start == std::string_view::npos) break;
        auto close = text.find('}', start);
        if (close == std::string_view::npos) {
            throw ConfigError(std::string(where) + ": placeholder '" +
                              std::string(text.substr(start)) + "' has no closing brace");
        }
        auto inside =
            text.substr(start + kPlaceholderStart.size(), close - start - kPlaceholderStart.size());
        auto comma = inside.find(',');
        auto name = trim(inside.substr(0, comma));
        auto fallback =
            comma == std::string_view::npos ? std::string_view{} : trim(inside.substr(comma + 1));
        if (name.empty()) {
            throw ConfigError(std::string(where) + ": placeholder '" +
                              std::string(text.substr(start, close - start + 1)) +
                              "' names no variable");
        }
        out.append(text.substr(position, start - position));
        out.append(environment.get(name).value_or(std::string(fallback)));
        position = close + 1;
    }
    out.append(text.substr(position));
    return out;
}

Config Config::load(const std::filesystem::path& directory, const Environment& environment) {
    Config config;
    auto defaults = directory / "defaults.yml";
    if (!std::filesystem::exists(defaults)) {
        throw ConfigError("configuration file " + defaults.string() +
                          " not found (set DSS_CONFIG_DIR to the folder holding defaults.yml)");
    }
    read_file(defaults, environment, config.values_);
    auto local = directory / (environment.flag("TESTING") ? "local_testing.yml" : "local.yml");
    if (std::filesystem::exists(local)) read_file(local, environment, config.values_);
    apply_vcap_services(environment, config);
    return config;
}

std::filesystem::path Config::locate_directory(const Environment& environment) {
    if (auto configured = environment.get("DSS_CONFIG_DIR"); configured && !configured->empty()) {
        return *configured;
    }
    auto beside_binary = executable_directory();
    for (const auto& candidate : {beside_binary / "config", beside_binary / ".." / "config"}) {
        if (std::filesystem::exists(candidate / "defaults.yml"))
            return candidate.lexically_normal();
    }
    return kSourceConfigDir;
}

const ConfigValue* Config::find(std::string_view key) const {
    auto found = values_.find(key);
    return found == values_.end() ? nullptr : &found->second;
}

const ConfigValue& Config::require(std::string_view key) const {
    const auto* value = find(key);
    if (value == nullptr) {
        throw ConfigError("configuration key " + std::string(key) +
                          " is missing from defaults.yml and the local file");
    }
    return *value;
}

std::string Config::string(std::string_view key) const { return require(key).text(); }

std::int64_t Config::integer(std::string_view key) const {
    const auto& value = require(key);
    if (const auto* number = std::get_if<std::int64_t>(&value.value)) return *number;
    throw ConfigError(describe(key, value.origin) + " must be an integer, got '" + value.text() +
                      "'");
}

bool Config::boolean(std::string_view key) const {
    const auto& value = require(key);
    if (const auto* flag = std::get_if<bool>(&value.value)) return *flag;
    // The reference wrote booleans as True/False; accept the usual lower-case spellings too.
    auto text = value.text();
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    // Empty is an error, not False: `DSS_HAWK_ENABLED=` must not switch security off.
    throw ConfigError(describe(key, value.origin) + " must be True or False, got '" + text + "'");
}

void Config::set(const std::string& key, ConfigValue value) {
    values_.insert_or_assign(key, std::move(value));
}

}  // namespace dss::core
