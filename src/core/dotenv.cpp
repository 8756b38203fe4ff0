// .env parsing with the rules python-dotenv applies to the files the reference system used.
#include "core/dotenv.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "core/ascii_text.hpp"
#include "core/errors.hpp"

namespace dss::core {
namespace {

// Blanks around names and values; lines may end in CR when the file was written on Windows.
constexpr std::string_view kBlank = " \t\r";

bool is_valid_name(std::string_view name) {
    if (name.empty() || (std::isdigit(static_cast<unsigned char>(name.front())) != 0)) return false;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '.') return false;
    }
    return true;
}

std::string unescape_double_quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            char next = text[++i];
            switch (next) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                default:
                    out += next;
                    break;  // \" \\ and anything else: the character itself
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string parse_value(std::string_view raw, std::string_view origin, std::size_t line) {
    auto value = trim(raw, kBlank);
    if (value.empty()) return {};
    char quote = value.front();
    if (quote == '"' || quote == '\'') {
        auto closing = value.find(quote, 1);
        while (quote == '"' && closing != std::string_view::npos && value[closing - 1] == '\\') {
            closing = value.find(quote, closing + 1);
        }
        if (closing == std::string_view::npos) {
            throw ConfigError(std::string(origin) + ":" + std::to_string(line) +
                              ": value has no closing " + std::string(1, quote));
        }
        auto inner = value.substr(1, closing - 1);
        return quote == '"' ? unescape_double_quoted(inner) : std::string(inner);
    }
    // Unquoted: an inline comment starts at " #".
    auto comment = value.find(" #");
    if (comment != std::string_view::npos) value = trim(value.substr(0, comment), kBlank);
    return std::string(value);
}

}  // namespace

Variables parse_dotenv(std::string_view text, std::string_view origin) {
    Variables variables;
    std::size_t line_number = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = trim(text.substr(0, end), kBlank);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        if (line.starts_with("export ")) line = trim(line.substr(7), kBlank);
        auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            throw ConfigError(std::string(origin) + ":" + std::to_string(line_number) +
                              ": expected NAME=value, got '" + std::string(line) + "'");
        }
        auto name = trim(line.substr(0, equals), kBlank);
        if (!is_valid_name(name)) {
            throw ConfigError(std::string(origin) + ":" + std::to_string(line_number) + ": '" +
                              std::string(name) + "' is not a variable name");
        }
        variables.insert_or_assign(std::string(name),
                                   parse_value(line.substr(equals + 1), origin, line_number));
    }
    return variables;
}

Variables read_dotenv_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        if (!std::filesystem::exists(path)) return {};
        throw ConfigError("cannot read " + path.string());
    }
    std::ostringstream text;
    text << file.rdbuf();
    return parse_dotenv(text.str(), path.string());
}

}  // namespace dss::core
