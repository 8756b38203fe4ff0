// The links of an HTML page: the href of every <a>, in page order, read with a real HTML parser
// (gumbo, which copes with the markup browsers cope with).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dss::fetch {

// The href attributes as written (not resolved), empty ones left out.
std::vector<std::string> html_links(std::string_view html);

}  // namespace dss::fetch
