// Reads `.env` files: NAME=value lines, # comments, optional `export `, optional quotes.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace dss::core {

using Variables = std::map<std::string, std::string, std::less<>>;

// `origin` names the file in error messages ("<origin>:<line>: ...").
Variables parse_dotenv(std::string_view text, std::string_view origin);

// An absent file is no error: USE_DOTENV=1 with no .env simply adds nothing.
Variables read_dotenv_file(const std::filesystem::path& path);

}  // namespace dss::core
