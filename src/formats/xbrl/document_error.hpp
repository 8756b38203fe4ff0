// A document that cannot give rows (not well-formed, an unknown contextRef, a number that is
// not one): the document is skipped and this is the reason given (pipelines.md decision 11).
#pragma once

#include <stdexcept>

namespace dss::formats::xbrl {

class DocumentError : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

}  // namespace dss::formats::xbrl
