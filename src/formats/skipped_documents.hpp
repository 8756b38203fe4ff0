// Documents a reader left out of a file, and why (Companies House: one malformed document is
// skipped and named, not the whole zip; pipelines.md decision 11).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dss::formats {

struct SkippedDocument {
    std::string name;
    std::string reason;
};

class SkippedDocuments {
   public:
    // Every document is counted; the first few hundred are kept with their reasons, so that a
    // zip of nothing but broken documents does not fill the memory.
    void add(std::string_view name, std::string reason);
    void add_all(const SkippedDocuments& other);

    std::size_t count() const { return count_; }
    bool empty() const { return count_ == 0; }
    const std::vector<SkippedDocument>& kept() const { return kept_; }

    // "2 documents skipped: a.html (reason); b.xml (reason)", naming at most `named`.
    std::string summary(std::size_t named) const;

   private:
    std::size_t count_ = 0;
    std::vector<SkippedDocument> kept_;
};

}  // namespace dss::formats
