// One walk over an XBRL or inline XBRL document that finds every element the accounts lookups
// can ask for, in document order, and the periods of its contexts. The reference ran about 45
// XPath queries over the whole document (`//*[local-name()='X']`, `//*[contains(@name, ':X')
// ...]`); answering them from one walk gives the same elements in the same order, once.
#pragma once

#include <pugixml.hpp>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formats/xbrl/accounts_columns.hpp"
#include "formats/xbrl/document_error.hpp"

namespace dss::formats::xbrl {

// A context's period as written: (instant, instant) or (startDate, endDate), not normalised.
using PeriodKey = std::pair<std::string, std::string>;

class FactIndex {
   public:
    // Walks `document`; throws DocumentError for a context without a period.
    explicit FactIndex(const pugi::xml_document& document);

    // The elements `lookup` finds, in document order (context rules not applied).
    std::vector<pugi::xml_node> find(const Lookup& lookup) const;

    // The period of the context `context_ref` names; throws DocumentError when there is no
    // such context or its period lacks the dates.
    PeriodKey period_of(std::string_view context_ref) const;

    // The namespaces the root element declares.
    const std::vector<std::string>& root_namespaces() const { return root_namespaces_; }

   private:
    // An element and its position in document order.
    struct Found {
        std::size_t order = 0;
        pugi::xml_node node;
    };
    struct ConceptElements {
        std::vector<Found> by_element_name;
        std::vector<Found> by_name_attribute;
    };

    void index(pugi::xml_node element, std::size_t order);

    std::unordered_map<std::string_view, ConceptElements> concepts_;
    std::unordered_map<std::string, pugi::xml_node> periods_;  // context id -> period
    std::vector<std::string> root_namespaces_;
};

// The part of a qualified name after its prefix.
std::string_view local_name(std::string_view qualified_name);

}  // namespace dss::formats::xbrl
