// Companies House accounts zips as CSV for COPY (pipelines.md 3.10): every document of the zip,
// in zip order, becomes its rows. Documents are inflated one after another by one thread and
// parsed by several (parsing is most of the work), and their rows come out in zip order; a
// bounded window of documents is in memory at any time, however large the zip. A document
// that cannot give rows is skipped and named with its reason (decision 11).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "formats/skipped_documents.hpp"
#include "formats/text_source.hpp"
#include "formats/xbrl/accounts_document.hpp"
#include "formats/zip_archive.hpp"

namespace dss::formats {

class XbrlAccountsText final : public TextSource {
   public:
    // Reads the members of `archive` at `members` (positions in archive.members()) with
    // `parsers` parsing threads; every line starts with `file_name`. A storage or zip error
    // stops the file: next() throws it.
    XbrlAccountsText(ZipArchive& archive, std::vector<std::size_t> members,
                     const xbrl::AccountsDocumentReader& reader, unsigned parsers,
                     const std::string& file_name);
    XbrlAccountsText(const XbrlAccountsText&) = delete;
    XbrlAccountsText& operator=(const XbrlAccountsText&) = delete;
    XbrlAccountsText(XbrlAccountsText&&) = delete;
    XbrlAccountsText& operator=(XbrlAccountsText&&) = delete;
    ~XbrlAccountsText() override;

    std::string_view next() override;
    std::optional<std::string> encoding() const override { return "UTF8"; }
    std::uint64_t bytes_read() const override { return bytes_read_.load(); }
    std::uint64_t size() const override { return size_; }
    bool leads_with_file_name() const override { return true; }
    SkippedDocuments skipped() const override;

    // Documents that gave rows.
    std::size_t documents_read() const { return documents_read_; }

   private:
    // One document from inflating to its rows.
    struct Slot {
        std::string name;
        std::string content;
        std::string rows;  // CSV lines
        std::string skip_reason;
        std::size_t size = 0;  // of the content, counted in the window until handed on
        bool parsed = false;
    };

    void stop_threads();
    void inflate_documents();
    void parse_documents();
    bool has_room() const;

    ZipArchive& archive_;
    std::vector<std::size_t> members_;
    const xbrl::AccountsDocumentReader& reader_;
    std::uint64_t size_;
    std::string line_start_;  // the quoted file name and a comma
    std::atomic<std::uint64_t> bytes_read_{0};

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Slot> window_;          // documents from `first_in_window_` on, in zip order
    std::size_t first_in_window_ = 0;  // its position among `members_`
    std::size_t next_to_parse_ = 0;    // position among `members_`
    std::size_t bytes_in_window_ = 0;
    bool all_inflated_ = false;
    bool stopping_ = false;
    std::exception_ptr failure_;

    std::string out_;
    SkippedDocuments skipped_;
    std::size_t documents_read_ = 0;
    // Last, so that they are joined (by the destructor) before anything they use goes.
    std::vector<std::thread> threads_;
};

}  // namespace dss::formats
