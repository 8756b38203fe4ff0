#include "fetch/downloader.hpp"

#include <functional>
#include <stdexcept>
#include <thread>

#include "core/logging.hpp"
#include "http_client/http_client.hpp"

namespace dss::fetch {
namespace {

constexpr std::size_t kLargestPage = std::size_t{32} << 20;

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
            std::this_thread::sleep_for(pause);
            pause *= 2;
        }
    }
}

// Sends a GET whose body goes to `sink`; returns when the answer is a 2xx, throws otherwise.
void get(const std::string& url, const RetryPolicy& policy,
         const std::function<void(std::string_view)>& sink) {
    http_client::ClientRequest request;
    request.url = url;
    request.timeout = std::chrono::seconds(0);  // a download may take hours; a stall may not
    request.stall_timeout = policy.stall_timeout;
    request.follow_redirects = true;
    request.body_sink = sink;
    http_client::ClientResponse response;
    try {
        response = http_client::send_request(request);
    } catch (const http_client::TransportError& error) {
        // Refused, timed out or cut midway. A failure of the sink (storage) is no transport
        // error: it is not the server's and is not tried again.
        throw TransientFailure(error.what());
    }
    if (response.status >= 200 && response.status < 300) return;
    auto message = "GET " + url + " answered " + std::to_string(response.status);
    if (response.status >= 500) throw TransientFailure(message);
    throw std::runtime_error(message);
}

}  // namespace

std::string fetch_page(const std::string& url, const RetryPolicy& policy) {
    return with_retries(policy, [&] {
        std::string page;
        get(url, policy, [&](std::string_view piece) {
            if (page.size() + piece.size() > kLargestPage)
                throw std::runtime_error(url + " is larger than a listing page can be");
            page.append(piece);
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
        get(url, policy, [&](std::string_view piece) {
            output->write(piece);
            bytes += piece.size();
            if (on_progress) on_progress(bytes);
        });
        output->publish();
        return bytes;
    });
}

}  // namespace dss::fetch
