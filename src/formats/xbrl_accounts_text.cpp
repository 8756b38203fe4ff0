#include "formats/xbrl_accounts_text.hpp"

#include <array>
#include <new>

#include "core/logging.hpp"
#include "formats/csv_field.hpp"
#include "formats/xbrl/accounts_csv.hpp"

namespace dss::formats {
namespace {

// The window of documents inflated and not yet handed to COPY: enough to keep every parser
// busy, small enough to keep memory flat (documents are 10-60 KB; a rare large one is alone).
constexpr std::size_t kWindowDocuments = 256;
constexpr std::size_t kWindowBytes = std::size_t{64} << 20;
// A document this large is no company's accounts; parsing it would take several times this.
constexpr std::uint64_t kLargestDocument = std::uint64_t{256} << 20;
constexpr std::uint64_t kLargestReservation = std::uint64_t{1} << 20;
// next() hands COPY pieces of about this size.
constexpr std::size_t kPieceBytes = std::size_t{64} << 10;

// The member's bytes, or nullopt when it is larger than kLargestDocument.
std::optional<std::string> read_document(storage::InputStream& stream) {
    std::string content;
    // The declared size can lie: reserve no more than a large document needs.
    content.reserve(static_cast<std::size_t>(std::min(stream.size(), kLargestReservation)));
    std::array<char, 1 << 16> buffer{};
    while (auto count = stream.read(buffer.data(), buffer.size())) {
        if (content.size() + count > kLargestDocument) return std::nullopt;
        content.append(buffer.data(), count);
    }
    return content;
}

}  // namespace

XbrlAccountsText::XbrlAccountsText(ZipArchive& archive, std::vector<std::size_t> members,
                                   const xbrl::AccountsDocumentReader& reader, unsigned parsers,
                                   const std::string& file_name)
    : archive_(archive),
      members_(std::move(members)),
      reader_(reader),
      size_(archive.input_size()) {
    append_csv_quoted(line_start_, file_name);
    line_start_ += ',';
    threads_.reserve(std::max(1U, parsers) + 1);
    try {
        threads_.emplace_back([this] { inflate_documents(); });
        for (unsigned i = 0; i < std::max(1U, parsers); ++i)
            threads_.emplace_back([this] { parse_documents(); });
    } catch (...) {
        stop_threads();  // the destructor does not run for a constructor that throws
        throw;
    }
}

XbrlAccountsText::~XbrlAccountsText() { stop_threads(); }

void XbrlAccountsText::stop_threads() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    for (auto& thread : threads_) thread.join();
}

bool XbrlAccountsText::has_room() const {
    return window_.empty() ||
           (window_.size() < kWindowDocuments && bytes_in_window_ < kWindowBytes);
}

void XbrlAccountsText::inflate_documents() {
    try {
        for (auto member : members_) {
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stopping_ || has_room(); });
                if (stopping_) return;
            }
            Slot slot;
            slot.name = archive_.members()[member];
            auto stream = archive_.open(member);
            if (auto content = read_document(*stream)) {
                slot.content = std::move(*content);
            } else {
                slot.skip_reason = "larger than " + std::to_string(kLargestDocument) + " bytes";
                slot.parsed = true;
            }
            bytes_read_ = archive_.bytes_consumed();
            {
                std::lock_guard lock(mutex_);
                bytes_in_window_ += slot.content.size();
                slot.size = slot.content.size();
                window_.push_back(std::move(slot));
            }
            changed_.notify_all();
        }
        std::lock_guard lock(mutex_);
        all_inflated_ = true;
    } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
    }
    changed_.notify_all();
}

void XbrlAccountsText::parse_documents() {
    while (true) {
        Slot* slot = nullptr;
        {
            std::unique_lock lock(mutex_);
            auto inflated = [&] { return next_to_parse_ < first_in_window_ + window_.size(); };
            changed_.wait(lock,
                          [&] { return stopping_ || failure_ || inflated() || all_inflated_; });
            if (stopping_ || failure_ || !inflated()) return;
            // Deque elements stay where they are while others are added or taken: the slot
            // cannot be taken before it is parsed.
            slot = &window_[next_to_parse_++ - first_in_window_];
            if (slot->parsed) continue;
        }
        try {
            auto rows = reader_.read(slot->name, slot->content);
            xbrl::append_csv_rows(rows, slot->rows, line_start_);
        } catch (const std::bad_alloc&) {
            std::lock_guard lock(mutex_);
            failure_ = std::current_exception();
        } catch (const std::exception& error) {
            slot->skip_reason = *error.what() != '\0' ? error.what() : "unknown error";
        } catch (...) {
            std::lock_guard lock(mutex_);
            failure_ = std::current_exception();
        }
        std::string().swap(slot->content);
        {
            std::lock_guard lock(mutex_);
            slot->parsed = true;
        }
        changed_.notify_all();
    }
}

std::string_view XbrlAccountsText::next() {
    out_.clear();
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [&] {
            return failure_ || (!window_.empty() && window_.front().parsed) ||
                   (all_inflated_ && window_.empty());
        });
        if (failure_) std::rethrow_exception(failure_);
        if (window_.empty()) break;  // every document is handed on
        auto slot = std::move(window_.front());
        window_.pop_front();
        ++first_in_window_;
        bytes_in_window_ -= slot.size;
        changed_.notify_all();  // room for the next document
        if (slot.skip_reason.empty()) {
            ++documents_read_;
            out_ += slot.rows;
        } else {
            core::logger("ingest")->warn("skipped {}: {}", slot.name, slot.skip_reason);
            skipped_.add(std::move(slot.name), std::move(slot.skip_reason));
        }
        bool more_ready = !window_.empty() && window_.front().parsed;
        if (!out_.empty() && (out_.size() >= kPieceBytes || !more_ready)) break;
    }
    return out_;
}

SkippedDocuments XbrlAccountsText::skipped() const { return skipped_; }

}  // namespace dss::formats
