// An iconv conversion descriptor that closes itself: the one owner of iconv_t in dss.
#pragma once

#include <iconv.h>

#include <memory>
#include <type_traits>

namespace dss::formats {

struct IconvCloser {
    void operator()(iconv_t handle) const { iconv_close(handle); }
};

using IconvHandle = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

// A converter from `from_encoding` to `to_encoding`; empty when iconv knows either name not.
inline IconvHandle open_iconv(const char* to_encoding, const char* from_encoding) {
    iconv_t raw = iconv_open(to_encoding, from_encoding);
    if (raw == reinterpret_cast<iconv_t>(-1)) return nullptr;  // NOLINT: iconv's own error value
    return IconvHandle(raw);
}

}  // namespace dss::formats
