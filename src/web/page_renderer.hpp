// Server-rendered staff pages: a page's model (JSON) through its Mustache template, then into
// the layout. Templates are read and checked once, at start, so a broken template stops the
// server instead of failing one page at a time.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace dss::web {

class PageRenderer {
   public:
    // Reads every *.mustache in `folder`; throws core::ConfigError naming a template that does
    // not parse, or when layout.mustache is missing.
    explicit PageRenderer(const std::filesystem::path& folder);

    // The page `name` rendered with `model`, placed in the layout with the model's layout keys
    // (title, signed_in, user_name, has_errors). Throws std::logic_error for an unknown page.
    std::string render(std::string_view name, const nlohmann::json& model) const;

   private:
    std::string render_template(std::string_view name, const nlohmann::json& model) const;

    std::map<std::string, std::string, std::less<>> templates_;
};

}  // namespace dss::web
