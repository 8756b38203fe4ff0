#include "fetch/html_links.hpp"

#include <gumbo.h>

#include <memory>

namespace dss::fetch {
namespace {

struct GumboOutputDeleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};

}  // namespace

std::vector<std::string> html_links(std::string_view html) {
    std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    std::vector<std::string> links;
    if (!output) return links;
    // Depth first, in page order, without recursion: pages can nest deeply.
    std::vector<const GumboNode*> pending{output->root};
    while (!pending.empty()) {
        const GumboNode* node = pending.back();
        pending.pop_back();
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        const GumboElement& element = node->v.element;
        if (element.tag == GUMBO_TAG_A) {
            if (const GumboAttribute* href = gumbo_get_attribute(&element.attributes, "href");
                href != nullptr && href->value[0] != '\0') {
                links.emplace_back(href->value);
            }
        }
        for (unsigned i = element.children.length; i > 0; --i)
            pending.push_back(static_cast<const GumboNode*>(element.children.data[i - 1]));
    }
    return links;
}

}  // namespace dss::fetch
