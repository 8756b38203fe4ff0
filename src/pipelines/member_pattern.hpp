// Which zip members a source loads, and the values their names carry (the ONS publication
// month). Patterns come from source definitions and run on RE2: linear time, Python-style
// named groups.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipelines/source_definition.hpp"

namespace re2 {
class RE2;
}

namespace dss::pipelines {

class MemberPattern {
   public:
    // Throws core::ConfigError when the pattern does not compile.
    explicit MemberPattern(const std::string& pattern);
    MemberPattern(const MemberPattern&) = delete;
    MemberPattern& operator=(const MemberPattern&) = delete;
    ~MemberPattern();

    // Named groups of a match from the start of `name` (Python's re.match), or nullopt.
    std::optional<std::map<std::string, std::string>> match(std::string_view name) const;

   private:
    std::unique_ptr<re2::RE2> regex_;
};

// The parameter's value from a match's groups: "month_year" turns MAY_2019 into 2019-05-01.
// Throws std::runtime_error naming `member` when the group is missing or not a month.
std::string parameter_value(const FileParameter& parameter,
                            const std::map<std::string, std::string>& groups,
                            std::string_view member);

}  // namespace dss::pipelines
