// The multipart stream is parsed as it arrives; only the file part's bytes reach storage.
#include "web/upload_receiver.hpp"

#include <optional>

#include "core/ascii_case.hpp"
#include "core/logging.hpp"
#include "core/utf8.hpp"
#include "http/multipart_parser.hpp"
#include "http/responses.hpp"
#include "storage/storage.hpp"
#include "uploader/csv_dialect.hpp"
#include "uploader/pipeline_store.hpp"
#include "web/html_responses.hpp"
#include "web/page_model.hpp"
#include "web/pipeline_pages.hpp"
#include "web/staff_guard.hpp"
#include "web/upload_page.hpp"

namespace dss::web {
namespace {

constexpr std::string_view kSelectCsv = "Select a CSV data file to upload";
// The small fields of the form; more is not a form of ours.
constexpr std::size_t kFieldLimit = 4096;
constexpr std::size_t kNameLimit = 255;

class UploadReceiver final : public http::BodyReader {
   public:
    UploadReceiver(SiteServices& services, const http::RequestContext& context,
                   const std::string& boundary)
        : services_(services),
          session_(services.sealer, context.request()),
          user_(signed_in_user(services, context, session_)),
          secure_(is_secure(services.settings, context.request())),
          parser_(boundary, {[this](const http::PartHeader& header) { begin(header); },
                             [this](std::string_view data) { data_of_part(data); },
                             [this] { end_of_part(); }}) {
        auto connection = services_.pool.acquire();
        auto pipeline = uploader::find_pipeline(*connection, context.path_parameter("slug"));
        if (!pipeline) throw page_not_found(services_);
        pipeline_ = *pipeline;
    }

    UploadReceiver(const UploadReceiver&) = delete;
    UploadReceiver& operator=(const UploadReceiver&) = delete;
    UploadReceiver(UploadReceiver&&) = delete;
    UploadReceiver& operator=(UploadReceiver&&) = delete;

    ~UploadReceiver() override {
        if (!file_id_ || stored_) return;
        // Dropped midway, or refused after the file: nothing is kept, and the row says why.
        if (published_) remove_stored_file();
        fail_row(failure_.empty()
                     ? "The upload was cut off after " + std::to_string(bytes_) + " bytes."
                     : failure_);
    }

    void consume(std::string_view piece) override {
        try {
            parser_.feed(piece);
        } catch (const http::MultipartError& error) {
            throw http::HttpError::bad_request(std::string("the form could not be read: ") +
                                               error.what());
        }
    }

    http::Response finish() override {
        if (!parser_.done()) throw http::HttpError::bad_request("the form ended early");
        if (!saw_file_) errors_.add("csv_file", std::string(kSelectCsv));
        // Scripts may send the small fields after the file: they are checked here, once all
        // arrived.
        if (errors_.empty()) check_dialect();
        if (!published_ || !errors_.empty()) return form_page();
        auto dialect = uploader::parse_dialect(delimiter_, quote_);
        auto connection = services_.pool.acquire();
        uploader::mark_uploaded(*connection, *file_id_, static_cast<std::int64_t>(bytes_),
                                std::string(1, dialect.delimiter), std::string(1, dialect.quote));
        stored_ = true;
        core::logger("upload")->info("{} uploaded {} ({} bytes) for {} as {}", user_.name, url_,
                                     bytes_, pipeline_.schema(), *file_id_);
        return redirect_to("/upload/data/" + pipeline_.slug + "/verify/" + *file_id_ + "/");
    }

   private:
    void begin(const http::PartHeader& header) {
        part_ = header.name;
        field_.clear();
        if (header.name != "csv_file") return;
        // The token must come before the file, as our form sends it: no file is stored for
        // a forged form.
        check_csrf(services_, session_, csrf_);
        if (saw_file_) throw http::HttpError::bad_request("more than one file in the form");
        saw_file_ = true;
        check_dialect();
        auto name = display_name(header.filename.value_or(""));
        if (name.empty() || !core::ascii_lower(name).ends_with(".csv") || !errors_.empty()) {
            if (errors_.empty()) errors_.add("csv_file", std::string(kSelectCsv));
            return;
        }
        auto connection = services_.pool.acquire();
        auto upload = uploader::insert_uploading_file(
            *connection, pipeline_, services_.settings.storage.upload_folder, name);
        file_id_ = upload.id;
        url_ = upload.url;
        storing([&] { output_ = services_.storage.create(url_); });
        last_beat_ = std::chrono::steady_clock::now();
    }

    void data_of_part(std::string_view data) {
        if (part_ == "csv_file") {
            if (!output_) return;
            storing([&] { output_->write(data); });
            bytes_ += data.size();
            beat();
            return;
        }
        if (field_.size() + data.size() > kFieldLimit) {
            throw http::HttpError::bad_request("form field " + part_ + " is too long");
        }
        field_.append(data);
    }

    void end_of_part() {
        if (part_ == "csrf_token") csrf_ = field_;
        if (part_ == "delimiter") delimiter_ = field_;
        if (part_ == "quote") quote_ = field_;
        if (part_ != "csv_file" || !output_) return;
        storing([&] { output_->publish(); });
        output_.reset();
        published_ = true;
    }

    // A storage step; its failure is the row's reason and a "try later" page.
    template <typename Step>
    void storing(Step step) {
        try {
            step();
        } catch (const std::exception& error) {
            failure_ = "Storing the upload failed: " + std::string(error.what());
            core::logger("upload")->warn("{}: {}", file_id_.value_or("-"), failure_);
            output_.reset();
            throw http::EarlyResponse(error_page(services_, http::Status::service_unavailable,
                                                 "Sorry, there is a problem with the service",
                                                 "The file could not be stored. Try again later."));
        }
    }

    // A long upload keeps its row from looking abandoned (the janitor fails silent ones).
    void beat() {
        auto now = std::chrono::steady_clock::now();
        if (now - last_beat_ < services_.settings.uploader.interrupted_after / 4) return;
        last_beat_ = now;
        try {
            auto connection = services_.pool.acquire();
            uploader::record_progress(*connection, *file_id_, static_cast<std::int64_t>(bytes_), 0);
        } catch (const std::exception& error) {
            core::logger("upload")->warn("{}: progress: {}", *file_id_, error.what());
        }
    }

    void check_dialect() {
        try {
            uploader::parse_dialect(delimiter_, quote_);
        } catch (const std::invalid_argument& error) {
            std::string message = error.what();
            errors_.add(message.starts_with("quote") ? "quote" : "delimiter", message);
        }
    }

    // The browser's file name as text PostgreSQL and pages can hold.
    static std::string display_name(const std::string& raw) {
        auto name = core::to_valid_utf8(raw);
        std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
        return name.size() > kNameLimit ? name.substr(0, kNameLimit) : name;
    }

    void remove_stored_file() noexcept {
        try {
            services_.storage.remove(url_);
        } catch (const std::exception& error) {
            core::logger("upload")->warn("{}: the stored upload could not be removed: {}",
                                         file_id_.value_or("-"), error.what());
        }
    }

    void fail_row(const std::string& message) noexcept {
        try {
            auto connection = services_.pool.acquire();
            uploader::mark_failed(*connection, *file_id_, message);
            core::logger("upload")->warn("{}: {}", *file_id_, message);
        } catch (const std::exception& error) {
            core::logger("upload")->warn("{}: could not be marked failed: {}", *file_id_,
                                         error.what());
        }
    }

    http::Response form_page() {
        if (file_id_) {
            failure_ = "The form was refused: " + errors_.message_for("delimiter") +
                       errors_.message_for("quote") + errors_.message_for("csv_file");
        }
        nlohmann::json model = {{"delimiter", delimiter_},
                                {"quote", quote_},
                                {"csv_file_error", errors_.message_for("csv_file")},
                                {"delimiter_error", errors_.message_for("delimiter")},
                                {"quote_error", errors_.message_for("quote")}};
        errors_.add_to(model);
        auto response = upload_form_page(services_, session_, user_, pipeline_, model);
        response.result(http::Status::bad_request);
        session_.write_to(response, secure_);
        return response;
    }

    SiteServices& services_;
    StaffSession session_;
    auth::StaffUser user_;
    bool secure_;
    http::MultipartParser parser_;
    uploader::Pipeline pipeline_;
    FormErrors errors_;
    std::string part_;
    std::string field_;
    std::optional<std::string> csrf_;
    std::string delimiter_ = ",";
    std::string quote_ = "\"";
    bool saw_file_ = false;
    bool published_ = false;
    std::string failure_;
    std::chrono::steady_clock::time_point last_beat_;
    std::optional<std::string> file_id_;
    std::string url_;
    std::unique_ptr<storage::OutputStream> output_;
    std::uint64_t bytes_ = 0;
    bool stored_ = false;
};

}  // namespace

http::BodyOpener upload_receiver(SiteServices& services) {
    return [&services](const http::RequestContext& context) -> std::unique_ptr<http::BodyReader> {
        auto boundary = http::MultipartParser::boundary_of(
            context.request()[http::beast_http::field::content_type]);
        if (!boundary) {
            throw http::HttpError::bad_request("the upload must be sent as multipart/form-data");
        }
        return std::make_unique<UploadReceiver>(services, context, *boundary);
    };
}

}  // namespace dss::web
