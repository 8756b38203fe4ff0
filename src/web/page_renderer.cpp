// kainjow mustache with our JSON models: one conversion, and every template is available as a
// partial ({{> error_summary}}).
#include "web/page_renderer.hpp"

#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"

namespace dss::web {
namespace {

namespace mustache = kainjow::mustache;

mustache::data to_data(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data object{mustache::data::type::object};
            for (const auto& [key, item] : value.items()) object.set(key, to_data(item));
            return object;
        }
        case nlohmann::json::value_t::array: {
            mustache::data list{mustache::data::type::list};
            for (const auto& item : value) list.push_back(to_data(item));
            return list;
        }
        // Mustache treats an empty string as true in a section: "no error" would show an
        // empty error block. Empty is false, and prints nothing either way.
        case nlohmann::json::value_t::string:
            if (value.get_ref<const std::string&>().empty()) return {false};
            return {value.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return {value.get<bool>()};
        case nlohmann::json::value_t::null:
            return {false};
        default:
            return {value.dump()};
    }
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::ConfigError("cannot read template " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

PageRenderer::PageRenderer(const std::filesystem::path& folder) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".mustache") continue;
        auto text = read_file(entry.path());
        mustache::mustache parsed{text};
        if (!parsed.is_valid()) {
            throw core::ConfigError("template " + entry.path().string() +
                                    " does not parse: " + parsed.error_message());
        }
        templates_.emplace(entry.path().stem().string(), std::move(text));
    }
    if (!templates_.contains("layout")) {
        throw core::ConfigError("no layout.mustache in " + folder.string());
    }
}

std::string PageRenderer::render_template(std::string_view name,
                                          const nlohmann::json& model) const {
    auto found = templates_.find(name);
    if (found == templates_.end()) {
        throw std::logic_error("no template " + std::string(name) + ".mustache");
    }
    auto data = to_data(model);
    for (const auto& [partial_name, text] : templates_) {
        // A model key of the same name wins: it is what the page means by that name.
        if (model.contains(partial_name)) continue;
        data.set(partial_name, mustache::partial{[&text = text] { return text; }});
    }
    mustache::mustache page{found->second};
    return page.render(data);
}

std::string PageRenderer::render(std::string_view name, const nlohmann::json& model) const {
    auto layout = nlohmann::json::object();
    for (const auto* key : {"title", "signed_in", "user_name", "has_errors"}) {
        if (model.contains(key)) layout[key] = model[key];
    }
    layout["content"] = render_template(name, model);
    return render_template("layout", layout);
}

}  // namespace dss::web
