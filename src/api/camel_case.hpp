// Column names as the reference API spells them (to_camel_case).
#pragma once

#include <string>
#include <string_view>

namespace dss::api {

// Strip leading/trailing '_', collapse runs of '_', keep the first part, capitalise each later
// part (first letter upper, rest lower): local_authority_district_code ->
// localAuthorityDistrictCode.
std::string to_camel_case(std::string_view name);

}  // namespace dss::api
