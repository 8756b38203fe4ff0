// HMRC's lists of exporters as CSV for COPY (pipelines.md 3.9). The text is Mac Roman, split
// into lines on every break Python's splitlines knows there (\n, \r, \v, \f, \x1c-\x1e) and
// into fields on TAB. A line with fewer than 10 fields is not a record (headers, blank lines,
// space-separated lines). Fields 0-8 lose their double quotes; fields 9 on are goods codes,
// empty ones dropped, joined with ','. Each record becomes one line of ten quoted UTF-8 fields,
// so that empty values load as empty strings.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "formats/mac_roman.hpp"
#include "formats/text_source.hpp"
#include "storage/storage.hpp"

namespace dss::formats {

class HmrcExportersText final : public TextSource {
   public:
    // With a `file_name`, every line starts with it (leads_with_file_name()).
    HmrcExportersText(storage::InputStream& input, const MacRomanDecoder& decoder,
                      std::string file_name = {});

    std::string_view next() override;
    std::optional<std::string> encoding() const override { return "UTF8"; }
    std::uint64_t bytes_read() const override { return bytes_read_; }
    std::uint64_t size() const override { return input_.size(); }
    bool leads_with_file_name() const override { return !line_start_.empty(); }

   private:
    void end_line();

    storage::InputStream& input_;
    const MacRomanDecoder& decoder_;
    std::array<char, 1 << 16> buffer_{};
    std::string line_start_;  // the quoted file name and a comma, or nothing
    std::string line_;        // raw bytes of the line being gathered
    std::string out_;         // CSV lines ready to return
    std::uint64_t bytes_read_ = 0;
    std::uint64_t lines_ = 0;
    char previous_ = '\0';
    bool finished_ = false;
};

}  // namespace dss::formats
