// The text of a CSV file as COPY should see it: a UTF-8 byte-order mark is not data (and says
// the file is UTF-8, pipelines.md decision 12), and blank lines at the end are not rows.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/text_source.hpp"
#include "storage/storage.hpp"

namespace dss::formats {

class CsvText final : public TextSource {
   public:
    // Reads the first bytes at once, to see a byte-order mark.
    explicit CsvText(storage::InputStream& input);

    bool has_utf8_bom() const { return has_utf8_bom_; }
    // Line ends are held back until text follows them, so that those at the very end are never
    // returned.
    std::string_view next() override;
    std::optional<std::string> encoding() const override {
        return has_utf8_bom_ ? std::optional<std::string>("UTF8") : std::nullopt;
    }
    std::uint64_t bytes_read() const override { return bytes_read_; }
    std::uint64_t size() const override { return input_.size(); }

   private:
    std::string_view take(std::string_view chunk);

    storage::InputStream& input_;
    std::array<char, 1 << 16> buffer_{};
    std::string_view first_;  // what the constructor read, not yet returned
    std::string held_;        // line ends not yet followed by text
    std::string joined_;      // held_ and the text after them
    std::uint64_t bytes_read_ = 0;
    bool has_utf8_bom_ = false;
};

}  // namespace dss::formats
