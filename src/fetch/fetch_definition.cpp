#include "fetch/fetch_definition.hpp"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "core/errors.hpp"

namespace dss::fetch {
namespace {

[[noreturn]] void reject(const std::filesystem::path& file, const std::string& message) {
    throw core::ConfigError(file.string() + ": " + message);
}

std::string text_of(const YAML::Node& node, const char* key, const std::filesystem::path& file,
                    const std::string& source, bool required) {
    const auto value = node[key];
    if (!value || value.IsNull()) {
        if (required) reject(file, "source " + source + " needs " + key);
        return {};
    }
    if (!value.IsScalar()) reject(file, "source " + source + ": " + key + " must be text");
    return value.as<std::string>();
}

// The strptime and strftime conversions a date in a file name can use.
void check_date_format(const std::string& format, const std::filesystem::path& file,
                       const std::string& source, const char* key) {
    static constexpr std::string_view kAllowed = "YymdBbh%";
    if (format.find('/') != std::string::npos)
        reject(file, "source " + source + ": " + key + " may not hold '/' (it names a file)");
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') continue;
        if (i + 1 == format.size() || kAllowed.find(format[i + 1]) == std::string_view::npos) {
            std::string message = "source " + source + ": " + key;
            message += " '" + format + "' may use %Y %y %m %d %B %b %h only";
            reject(file, message);
        }
        ++i;
    }
}

void check_pattern(const std::string& pattern, bool needs_date, const std::filesystem::path& file,
                   const std::string& source, const char* key) {
    const RE2 compiled(pattern, RE2::Quiet);
    if (!compiled.ok())
        reject(file,
               "source " + source + ": " + key + " is not a valid pattern: " + compiled.error());
    if (needs_date && !compiled.NamedCapturingGroups().contains("date"))
        reject(file, "source " + source + ": " + key + " needs a group (?P<date>...)");
}

FetchDefinition definition_of(const std::string& source, const YAML::Node& node,
                              const std::filesystem::path& file) {
    static const std::set<std::string> kKeys{
        "listing_url",      "link_pattern",         "date_format",          "file_name",
        "file_date_format", "file_date_upper_case", "download_link_pattern"};
    if (!node.IsMap()) reject(file, "source " + source + " must be a mapping");
    for (const auto& entry : node) {
        auto key = entry.first.as<std::string>();
        if (!kKeys.contains(key))
            reject(file, "source " + source + ": unknown key " + std::string(key));
    }
    FetchDefinition definition;
    definition.source = source;
    definition.origin = file;
    definition.listing_url = text_of(node, "listing_url", file, source, true);
    definition.link_pattern = text_of(node, "link_pattern", file, source, true);
    definition.date_format = text_of(node, "date_format", file, source, true);
    definition.file_name = text_of(node, "file_name", file, source, true);
    definition.file_date_format = text_of(node, "file_date_format", file, source, false);
    if (definition.file_date_format.empty()) definition.file_date_format = definition.date_format;
    definition.download_link_pattern = text_of(node, "download_link_pattern", file, source, false);
    if (node["file_date_upper_case"]) {
        try {
            definition.file_date_upper_case = node["file_date_upper_case"].as<bool>();
        } catch (const YAML::Exception&) {
            reject(file, "source " + source + ": file_date_upper_case must be true or false");
        }
    }
    if (!definition.listing_url.starts_with("http://") &&
        !definition.listing_url.starts_with("https://"))
        reject(file, "source " + source + ": listing_url must be an http(s) URL");
    check_pattern(definition.link_pattern, true, file, source, "link_pattern");
    if (!definition.download_link_pattern.empty())
        check_pattern(definition.download_link_pattern, false, file, source,
                      "download_link_pattern");
    check_date_format(definition.date_format, file, source, "date_format");
    check_date_format(definition.file_date_format, file, source, "file_date_format");
    if (definition.file_name.find("{date}") == std::string::npos)
        reject(file, "source " + source + ": file_name needs {date}");
    if (definition.file_name.find('/') != std::string::npos)
        reject(file, "source " + source + ": file_name is a name, not a path");
    return definition;
}

}  // namespace

std::vector<FetchDefinition> load_fetch_definitions(const std::filesystem::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        reject(file, "cannot be read");
    } catch (const YAML::Exception& error) {
        reject(file, std::string("is not valid YAML: ") + error.what());
    }
    const auto sources = root["sources"];
    if (!sources || !sources.IsMap()) reject(file, "needs a mapping `sources`");
    std::vector<FetchDefinition> definitions;
    for (const auto& entry : sources)
        definitions.push_back(definition_of(entry.first.as<std::string>(), entry.second, file));
    return definitions;
}

}  // namespace dss::fetch
