// Local files; writes go to a hidden temporary name in the same folder and are renamed into
// place, so readers never see half a file.
#include "storage/local_storage.hpp"

#include <algorithm>
#include <fstream>

#include "core/crypto.hpp"

namespace dss::storage {
namespace {

namespace fs = std::filesystem;

class LocalInputStream final : public InputStream {
   public:
    explicit LocalInputStream(const fs::path& path)
        : file_(path, std::ios::binary), size_(fs::file_size(path)) {
        if (!file_) throw std::runtime_error("cannot open " + path.string());
    }
    std::size_t read(char* buffer, std::size_t size) override {
        file_.read(buffer, static_cast<std::streamsize>(size));
        return static_cast<std::size_t>(file_.gcount());
    }
    std::uint64_t size() const override { return size_; }
    void seek(std::uint64_t offset) override {
        file_.clear();
        file_.seekg(static_cast<std::streamoff>(offset));
    }

   private:
    std::ifstream file_;
    std::uint64_t size_;
};

class LocalOutputStream final : public OutputStream {
   public:
    explicit LocalOutputStream(fs::path target)
        : target_(std::move(target)),
          temporary_(target_.parent_path() /
                     ("." + target_.filename().string() + ".part-" + core::random_token(8))) {
        fs::create_directories(target_.parent_path());
        file_.open(temporary_, std::ios::binary | std::ios::trunc);
        if (!file_) throw std::runtime_error("cannot write " + temporary_.string());
    }
    LocalOutputStream(const LocalOutputStream&) = delete;
    LocalOutputStream& operator=(const LocalOutputStream&) = delete;
    ~LocalOutputStream() override {
        if (published_) return;
        file_.close();
        std::error_code ignored;
        fs::remove(temporary_, ignored);
    }
    void write(std::string_view data) override {
        file_.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!file_)
            throw std::runtime_error("writing " + target_.string() + " failed (disk full?)");
    }
    void publish() override {
        file_.close();
        if (!file_) throw std::runtime_error("writing " + target_.string() + " failed");
        fs::rename(temporary_, target_);
        published_ = true;
    }

   private:
    fs::path target_;
    fs::path temporary_;
    std::ofstream file_;
    bool published_ = false;
};

std::chrono::system_clock::time_point to_system_clock(fs::file_time_type time) {
    return std::chrono::time_point_cast<std::chrono::system_clock::duration>(
        std::chrono::file_clock::to_sys(time));
}

}  // namespace

LocalStorage::LocalStorage(fs::path root) : root_(std::move(root)) {
    fs::create_directories(root_);
}

fs::path LocalStorage::resolve(std::string_view name) const {
    fs::path relative(name);
    if (relative.is_absolute() || name.empty())
        throw std::invalid_argument("not a relative file name: '" + std::string(name) + "'");
    for (const auto& part : relative) {
        if (part == "..")
            throw std::invalid_argument("file name leaves the storage root: '" + std::string(name) +
                                        "'");
    }
    return root_ / relative;
}

std::vector<FileEntry> LocalStorage::list(std::string_view prefix) const {
    auto folder = prefix.empty() ? root_ : resolve(prefix);
    std::vector<FileEntry> entries;
    if (!fs::exists(folder)) return entries;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        auto name = fs::relative(entry.path(), root_).generic_string();
        // Unpublished writes are not files yet.
        if (entry.path().filename().string().starts_with('.') &&
            entry.path().filename().string().find(".part-") != std::string::npos) {
            continue;
        }
        entries.push_back({name, entry.file_size(), to_system_clock(entry.last_write_time())});
    }
    sort_oldest_first(entries);
    return entries;
}

std::unique_ptr<InputStream> LocalStorage::open(std::string_view name) const {
    auto path = resolve(name);
    if (!fs::is_regular_file(path))
        throw NotFound("no file " + std::string(name) + " in " + describe());
    return std::make_unique<LocalInputStream>(path);
}

std::unique_ptr<OutputStream> LocalStorage::create(std::string_view name) {
    return std::make_unique<LocalOutputStream>(resolve(name));
}

void LocalStorage::remove(std::string_view name) {
    if (!fs::remove(resolve(name)))
        throw NotFound("no file " + std::string(name) + " in " + describe());
}

void LocalStorage::move(std::string_view from, std::string_view to) {
    auto source = resolve(from);
    if (!fs::is_regular_file(source))
        throw NotFound("no file " + std::string(from) + " in " + describe());
    auto target = resolve(to);
    fs::create_directories(target.parent_path());
    fs::rename(source, target);
}

// Absolute: a relative root read from another working directory is another folder.
std::string LocalStorage::describe() const {
    return "local directory " + fs::absolute(root_).lexically_normal().string();
}

}  // namespace dss::storage
