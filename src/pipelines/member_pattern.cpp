// RE2 matching and the month_year format.
#include "pipelines/member_pattern.hpp"

#include <re2/re2.h>

#include <array>
#include <cctype>
#include <stdexcept>

#include "core/ascii_case.hpp"
#include "core/errors.hpp"

namespace dss::pipelines {

MemberPattern::MemberPattern(const std::string& pattern)
    : regex_(std::make_unique<re2::RE2>("^(?:" + pattern + ")", re2::RE2::Quiet)) {
    if (!regex_->ok())
        throw core::ConfigError("zip member pattern '" + pattern +
                                "' is invalid: " + regex_->error());
}

MemberPattern::~MemberPattern() = default;

std::optional<std::map<std::string, std::string>> MemberPattern::match(
    std::string_view name) const {
    auto groups = static_cast<std::size_t>(regex_->NumberOfCapturingGroups());
    std::vector<re2::StringPiece> captures(groups + 1);
    if (!regex_->Match(re2::StringPiece(name.data(), name.size()), 0, name.size(),
                       re2::RE2::ANCHOR_START, captures.data(),
                       static_cast<int>(captures.size()))) {
        return std::nullopt;
    }
    std::map<std::string, std::string> named;
    for (const auto& [group, index] : regex_->NamedCapturingGroups()) {
        const auto& capture = captures[static_cast<std::size_t>(index)];
        named[group] = std::string(
            capture.data() == nullptr ? "" : std::string_view(capture.data(), capture.size()));
    }
    return named;
}

std::string parameter_value(const FileParameter& parameter,
                            const std::map<std::string, std::string>& groups,
                            std::string_view member) {
    auto found = groups.find(parameter.group);
    if (found == groups.end()) {
        throw std::runtime_error(std::string(member) + ": the pattern has no group '" +
                                 parameter.group + "'");
    }
    if (parameter.format == "text") return found->second;
    static constexpr std::array<std::string_view, 12> kMonths = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    const auto& text = found->second;  // e.g. MAY_2019
    if (text.size() == 8 && text[3] == '_') {
        auto month = core::ascii_lower(text.substr(0, 3));
        for (std::size_t i = 0; i < kMonths.size(); ++i) {
            if (kMonths[i] == month) {
                auto number = std::to_string(i + 1);
                return text.substr(4) + "-" + (number.size() == 1 ? "0" : "") + number + "-01";
            }
        }
    }
    throw std::runtime_error(std::string(member) + ": '" + text +
                             "' is not a month such as MAY_2019");
}

}  // namespace dss::pipelines
