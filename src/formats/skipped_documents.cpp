#include "formats/skipped_documents.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace dss::formats {
namespace {

constexpr std::size_t kKept = 500;
constexpr std::size_t kLongestReason = 300;

}  // namespace

void SkippedDocuments::add(std::string_view name, std::string reason) {
    ++count_;
    if (kept_.size() >= kKept) return;
    // Reasons quote the documents, whose bytes may be anything: what is kept goes into the
    // registry, which takes only UTF-8, and into messages, which should stay short.
    if (reason.size() > kLongestReason) reason = reason.substr(0, kLongestReason) + "...";
    kept_.push_back({core::to_valid_utf8(name), core::to_valid_utf8(reason)});
}

void SkippedDocuments::add_all(const SkippedDocuments& other) {
    count_ += other.count_;
    for (const auto& document : other.kept_) {
        if (kept_.size() < kKept) kept_.push_back(document);
    }
}

std::string SkippedDocuments::summary(std::size_t named) const {
    std::string text =
        std::to_string(count_) + (count_ == 1 ? " document" : " documents") + " skipped";
    auto shown = std::min(named, kept_.size());
    for (std::size_t i = 0; i < shown; ++i)
        text += (i == 0 ? ": " : "; ") + kept_[i].name + " (" + kept_[i].reason + ")";
    if (shown > 0 && count_ > shown) text += "; and " + std::to_string(count_ - shown) + " more";
    return text;
}

}  // namespace dss::formats
