// libzip over our InputStream. No exception crosses the C callback: it is stored and rethrown
// after the libzip call that failed.
#include "formats/zip_archive.hpp"

#include <stdexcept>

namespace dss::formats {

struct ZipArchive::Source {
    std::unique_ptr<storage::InputStream> input;
    std::uint64_t position = 0;
    zip_error_t error{};
    std::exception_ptr failure;
};

namespace {

zip_int64_t source_callback(void* user, void* data, zip_uint64_t length,
                            zip_source_cmd_t command) noexcept {
    auto& source = *static_cast<ZipArchive::Source*>(user);
    try {
        switch (command) {
            case ZIP_SOURCE_OPEN:
                source.position = 0;
                source.input->seek(0);
                return 0;
            case ZIP_SOURCE_READ: {
                auto count =
                    source.input->read(static_cast<char*>(data), static_cast<std::size_t>(length));
                source.position += count;
                return static_cast<zip_int64_t>(count);
            }
            case ZIP_SOURCE_CLOSE:
                return 0;
            case ZIP_SOURCE_STAT: {
                auto* stat = static_cast<zip_stat_t*>(data);
                zip_stat_init(stat);
                stat->size = source.input->size();
                stat->valid |= ZIP_STAT_SIZE;
                return sizeof(zip_stat_t);
            }
            case ZIP_SOURCE_ERROR:
                return zip_error_to_data(&source.error, data, length);
            case ZIP_SOURCE_SEEK: {
                auto offset = zip_source_seek_compute_offset(source.position, source.input->size(),
                                                             data, length, &source.error);
                if (offset < 0) return -1;
                source.position = static_cast<std::uint64_t>(offset);
                source.input->seek(source.position);
                return 0;
            }
            case ZIP_SOURCE_TELL:
                return static_cast<zip_int64_t>(source.position);
            case ZIP_SOURCE_FREE:
                return 0;
            case ZIP_SOURCE_SUPPORTS:
                return zip_source_make_command_bitmap(
                    ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                    ZIP_SOURCE_ERROR, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_FREE,
                    ZIP_SOURCE_SUPPORTS, -1);
            default:
                zip_error_set(&source.error, ZIP_ER_OPNOTSUPP, 0);
                return -1;
        }
    } catch (...) {
        source.failure = std::current_exception();
        zip_error_set(&source.error, ZIP_ER_READ, 0);
        return -1;
    }
}

std::runtime_error past_limit(const std::string& member, std::uint64_t limit) {
    return std::runtime_error(member + " expands past " + std::to_string(limit) +
                              " bytes, the limit for one zip member (DSS_ZIP_MEMBER_LIMIT)");
}

class MemberStream final : public storage::InputStream {
   public:
    MemberStream(zip_file_t* file, std::uint64_t size, ZipArchive::Source& source, std::string name,
                 std::uint64_t limit)
        : file_(file, &zip_fclose),
          size_(size),
          source_(source),
          name_(std::move(name)),
          limit_(limit) {}

    std::size_t read(char* buffer, std::size_t size) override {
        auto count = zip_fread(file_.get(), buffer, size);
        if (count < 0) {
            if (source_.failure) std::rethrow_exception(source_.failure);
            throw std::runtime_error(
                name_ + ": cannot inflate: " + zip_error_strerror(zip_file_get_error(file_.get())));
        }
        // The declared size can lie: what inflates is counted too.
        inflated_ += static_cast<std::uint64_t>(count);
        if (inflated_ > limit_) throw past_limit(name_, limit_);
        return static_cast<std::size_t>(count);
    }
    std::uint64_t size() const override { return size_; }
    void seek(std::uint64_t /*offset*/) override {
        throw std::logic_error(name_ + ": zip members are read front to back");
    }

   private:
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file_;
    std::uint64_t size_;
    ZipArchive::Source& source_;
    std::string name_;
    std::uint64_t limit_;
    std::uint64_t inflated_ = 0;
};

}  // namespace

ZipArchive::ZipArchive(std::unique_ptr<storage::InputStream> input, std::string name,
                       std::uint64_t member_limit)
    : name_(std::move(name)), source_(std::make_unique<Source>()), member_limit_(member_limit) {
    source_->input = std::move(input);
    zip_error_init(&source_->error);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* zip_source = zip_source_function_create(&source_callback, source_.get(), &error);
    if (zip_source == nullptr) throw std::runtime_error(name_ + ": " + zip_error_strerror(&error));
    archive_ = zip_open_from_source(zip_source, ZIP_RDONLY, &error);
    if (archive_ == nullptr) {
        zip_source_free(zip_source);
        if (source_->failure) std::rethrow_exception(source_->failure);
        std::string reason = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw std::runtime_error(name_ +
                                 " is not a readable zip file (truncated or damaged?): " + reason);
    }
    auto count = zip_get_num_entries(archive_, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char* member = zip_get_name(archive_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
        if (member == nullptr) continue;
        std::string member_name(member);
        if (member_name.ends_with('/')) continue;
        members_.push_back(std::move(member_name));
        indices_.push_back(static_cast<zip_uint64_t>(i));
    }
}

std::uint64_t ZipArchive::bytes_consumed() const { return source_->position; }

std::uint64_t ZipArchive::input_size() const { return source_->input->size(); }

ZipArchive::~ZipArchive() {
    if (archive_ != nullptr) zip_discard(archive_);
    zip_error_fini(&source_->error);
}

std::unique_ptr<storage::InputStream> ZipArchive::open(std::size_t index) {
    auto zip_index = indices_.at(index);
    zip_stat_t stat;
    zip_stat_init(&stat);
    zip_stat_index(archive_, zip_index, 0, &stat);
    auto member = name_ + "/" + members_[index];
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > member_limit_)
        throw past_limit(member, member_limit_);
    zip_file_t* file = zip_fopen_index(archive_, zip_index, 0);
    if (file == nullptr) {
        if (source_->failure) std::rethrow_exception(source_->failure);
        throw std::runtime_error(name_ + ": cannot open member " + members_[index] + ": " +
                                 zip_error_strerror(zip_get_error(archive_)));
    }
    return std::make_unique<MemberStream>(file, stat.size, *source_, member, member_limit_);
}

}  // namespace dss::formats
