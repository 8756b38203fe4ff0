#include "formats/line_counter.hpp"

namespace dss::formats {

std::uint64_t LineCounter::add(std::string_view chunk) {
    for (char c : chunk) {
        if (c == '\n') {
            if (!after_cr_) ++ends_;  // the \n of \r\n ends nothing new
            after_cr_ = false;
        } else {
            if (c == '\r') ++ends_;
            after_cr_ = c == '\r';
        }
    }
    if (!chunk.empty()) open_line_ = chunk.back() != '\n' && chunk.back() != '\r';
    return ends_ + (open_line_ ? 1 : 0);
}

}  // namespace dss::formats
