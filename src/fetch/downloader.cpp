#include "fetch/downloader.hpp"

#include <functional>
#include <stdexcept>
#include <thread>

#include "core/logging.hpp"
#include "http_client/http_client.hpp"

namespace dss::fetch {
namespace {

constexpr std::size_t kLargestPage = std::size_t{32} << 20;
// A listing that takes longer than this is dripping, not loading.
constexpr std::chrono::seconds kLongestPage{300};

// A try that may be worth another: the server failed (5xx) or the transfer did.
class TransientFailure : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

// Runs `attempt` until it succeeds, a permanent failure, or the policy's tries are spent.
template <typename Attempt>
auto with_retries(const RetryPolicy& policy, const Attempt& attempt) {
    auto pause = policy.first_pause;
    for (int tried = 1;; ++tried) {
        try {
            return attempt();
        } catch (const TransientFailure& failure) {
            if (tried >= policy.attempts) {
                throw std::runtime_error(failure.what() + std::string(" (tried ") +
                                         std::to_string(tried) + " times)");
            }
            core::logger("fetch")->warn("{}; trying again in {} ms", failure.what(), pause.count());
            // Paused in steps, so that a job asked to stop does not sleep through it.
            auto resume = std::chrono::steady_clock::now() + pause;
            while (std::chrono::steady_clock::now() < resume) {
                if (policy.stop_requested && policy.stop_requested())
                    throw std::runtime_error(failure.what() +
                                             std::string("; stopped before trying again"));
                std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                    resume - std::chrono::steady_clock::now(), std::chrono::milliseconds(100)));
            }
            pause *= 2;
        }
    }
}

// What the body sink threw (storage failing, say): not the server's fault, never retried.
class SinkFailure : public std::runtime_error {
   public:
    using std::runtime_error::runtime_error;
};

// Answers worth another try: the server failed, is overloaded, or timed the request out.
bool is_transient_status(long status) { return status >= 500 || status == 429 || status == 408; }

// Sends a GET whose body goes to `sink`; returns where the answer came from when it is a 2xx,
// throws otherwise. `timeout` zero: no limit (a download may take hours; a stall may not).
std::string get(const std::string& url, const RetryPolicy& policy, std::chrono::seconds timeout,
                const std::function<void(std::string_view)>& sink) {
    http_client::ClientRequest request;
    request.url = url;
    request.timeout = timeout;
    request.stall_timeout = policy.stall_timeout;
    request.follow_redirects = true;
    request.abort_requested = policy.stop_requested;
    request.body_sink = [&sink](std::string_view piece) {
        try {
            sink(piece);
        } catch (const std::exception& error) {
            throw SinkFailure(error.what());
        }
    };
    http_client::ClientResponse response;
    try {
        response = http_client::send_request(request);
    } catch (const http_client::TransportError& error) {
        if (error.transient()) throw TransientFailure(error.what());
        throw;
    }
    if (response.status >= 200 && response.status < 300) return response.effective_url;
    auto message = "GET " + url + " answered " + std::to_string(response.status);
    if (is_transient_status(response.status)) throw TransientFailure(message);
    throw std::runtime_error(message);
}

}  // namespace

Page fetch_page(const std::string& url, const RetryPolicy& policy) {
    return with_retries(policy, [&] {
        Page page;
        page.url = get(url, policy, kLongestPage, [&](std::string_view piece) {
            if (page.html.size() + piece.size() > kLargestPage)
                throw std::runtime_error(url + " is larger than a listing page can be");
            page.html.append(piece);
        });
        return page;
    });
}

std::uint64_t download_file(const std::string& url, storage::Storage& storage,
                            const std::string& name, const RetryPolicy& policy,
                            const DownloadProgress& on_progress) {
    return with_retries(policy, [&] {
        // A new stream each try: one dropped unpublished leaves nothing behind.
        auto output = storage.create(name);
        std::uint64_t bytes = 0;
        get(url, policy, std::chrono::seconds(0), [&](std::string_view piece) {
            output->write(piece);
            bytes += piece.size();
            if (on_progress) on_progress(bytes);
        });
        output->publish();
        return bytes;
    });
}

}  // namespace dss::fetch
