#include "formats/xbrl/fact_index.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

#include "formats/xbrl/fact_values.hpp"

namespace dss::formats::xbrl {
namespace {

// The first text node inside the children named `name` (XPath ./*[local-name()=name]/text()).
std::optional<std::string> first_text_of_children(pugi::xml_node period, std::string_view name) {
    for (auto child : period.children()) {
        if (child.type() != pugi::node_element || local_name(child.name()) != name) continue;
        for (auto text : child.children()) {
            if (text.type() == pugi::node_pcdata || text.type() == pugi::node_cdata)
                return std::string(text.value());
        }
    }
    return std::nullopt;
}

pugi::xml_node first_child_named(pugi::xml_node node, std::string_view name) {
    for (auto child : node.children()) {
        if (child.type() == pugi::node_element && local_name(child.name()) == name) return child;
    }
    return {};
}

}  // namespace

std::string_view local_name(std::string_view qualified_name) {
    auto colon = qualified_name.find(':');
    return colon == std::string_view::npos ? qualified_name : qualified_name.substr(colon + 1);
}

FactIndex::FactIndex(const pugi::xml_document& document) {
    for (auto columns : {document_value_columns(), period_value_columns()}) {
        for (const auto& column : columns) {
            for (const auto& lookup : column.lookups) concepts_[lookup.concept_name];
        }
    }
    auto root = document.document_element();
    for (auto attribute : root.attributes()) {
        std::string_view name = attribute.name();
        if (name == "xmlns" || name.starts_with("xmlns:"))
            root_namespaces_.emplace_back(attribute.value());
    }
    // Pre-order, without recursion: documents can nest deeply.
    std::size_t order = 0;
    for (auto node = root; node;) {
        index(node, order++);
        auto child = node.first_child();
        while (child && child.type() != pugi::node_element) child = child.next_sibling();
        if (child) {
            node = child;
            continue;
        }
        while (node && node != root) {
            auto sibling = node.next_sibling();
            while (sibling && sibling.type() != pugi::node_element)
                sibling = sibling.next_sibling();
            if (sibling) {
                node = sibling;
                break;
            }
            node = node.parent();
        }
        if (node == root) break;
    }
}

void FactIndex::index(pugi::xml_node element, std::size_t order) {
    auto name = local_name(element.name());
    if (name == "context") {
        auto period = first_child_named(element, "period");
        if (!period) {
            throw DocumentError(std::string("context '") + element.attribute("id").value() +
                                "' has no period");
        }
        // A later context of the same id wins, as in the reference's dictionary.
        periods_[element.attribute("id").value()] = period;
    }
    if (auto found = concepts_.find(name); found != concepts_.end())
        found->second.by_element_name.push_back({order, element});
    // name="prefix:Concept": the concept follows the last colon, and the first ":Concept" in
    // the attribute must be that one (XPath's substring-after finds the first).
    std::string_view attribute = element.attribute("name").value();
    auto colon = attribute.rfind(':');
    if (colon == std::string_view::npos) return;
    auto concept_name = attribute.substr(colon + 1);
    auto found = concepts_.find(concept_name);
    if (found == concepts_.end()) return;
    if (attribute.find(attribute.substr(colon)) != colon) return;
    found->second.by_name_attribute.push_back({order, element});
}

std::vector<pugi::xml_node> FactIndex::find(const Lookup& lookup) const {
    std::vector<pugi::xml_node> nodes;
    auto found = concepts_.find(lookup.concept_name);
    if (found == concepts_.end()) return nodes;
    const auto& elements = found->second;
    auto append = [&](const std::vector<Found>& list) {
        for (const auto& item : list) nodes.push_back(item.node);
    };
    switch (lookup.match) {
        case Match::element_name:
            append(elements.by_element_name);
            break;
        case Match::name_attribute:
            append(elements.by_name_attribute);
            break;
        case Match::either: {
            // Both lists are in document order; an element found by both counts once.
            std::vector<Found> merged;
            std::merge(elements.by_element_name.begin(), elements.by_element_name.end(),
                       elements.by_name_attribute.begin(), elements.by_name_attribute.end(),
                       std::back_inserter(merged),
                       [](const Found& a, const Found& b) { return a.order < b.order; });
            auto last =
                std::unique(merged.begin(), merged.end(),
                            [](const Found& a, const Found& b) { return a.order == b.order; });
            merged.erase(last, merged.end());
            append(merged);
            break;
        }
        case Match::first_span_in_name_attribute:
            // Elements that do not nest come in document order, and a nested one's spans are
            // its ancestor's too: the first element holding a span holds the first span.
            for (const auto& item : elements.by_name_attribute) {
                auto span = item.node.find_node([](pugi::xml_node node) {
                    return node.type() == pugi::node_element && local_name(node.name()) == "span";
                });
                if (span) {
                    nodes.push_back(span);
                    break;
                }
            }
            break;
    }
    return nodes;
}

PeriodKey FactIndex::period_of(std::string_view context_ref) const {
    auto found = periods_.find(std::string(context_ref));
    if (found == periods_.end())
        throw DocumentError("contextRef '" + std::string(context_ref) + "' names no context");
    auto period = found->second;
    if (auto instant = first_child_named(period, "instant")) {
        auto text = leading_text(instant).value_or("");
        if (text.empty())
            throw DocumentError("context '" + std::string(context_ref) + "' has an empty instant");
        return {text, text};
    }
    auto start = first_text_of_children(period, "startDate");
    auto end = first_text_of_children(period, "endDate");
    if (!start || !end) {
        throw DocumentError("context '" + std::string(context_ref) +
                            "' has neither an instant nor a startDate and endDate");
    }
    return {*start, *end};
}

}  // namespace dss::formats::xbrl
