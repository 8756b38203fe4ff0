// AES-256-GCM through OpenSSL's EVP interface; the cookie's version prefix is the associated
// data, so a later format cannot be confused with this one.
#include "auth/session_cookie.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "core/crypto.hpp"

namespace dss::auth {
namespace {

constexpr std::string_view kPrefix = "v1.";
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::string_view kIssuedAt = "_iat";

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context) throw std::runtime_error("no memory for a cipher context");
    return context;
}

const unsigned char* bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

int length(std::string_view text) { return static_cast<int>(text.size()); }

std::string encrypt(const std::string& key, std::string_view plaintext) {
    auto nonce = core::random_bytes(kNonceBytes);
    auto context = new_context();
    std::string ciphertext(plaintext.size(), '\0');
    std::string tag(kTagBytes, '\0');
    int written = 0;
    int ignored = 0;
    if (EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) !=
            1 ||
        EVP_EncryptUpdate(context.get(), nullptr, &ignored, bytes(kPrefix), length(kPrefix)) != 1 ||
        EVP_EncryptUpdate(context.get(), bytes(ciphertext), &written, bytes(plaintext),
                          length(plaintext)) != 1 ||
        EVP_EncryptFinal_ex(context.get(), bytes(ciphertext) + written, &ignored) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                            tag.data()) != 1) {
        throw std::runtime_error("sealing the session failed");
    }
    return nonce + ciphertext + tag;
}

std::optional<std::string> decrypt(const std::string& key, std::string_view sealed) {
    if (sealed.size() < kNonceBytes + kTagBytes) return std::nullopt;
    auto nonce = sealed.substr(0, kNonceBytes);
    auto ciphertext = sealed.substr(kNonceBytes, sealed.size() - kNonceBytes - kTagBytes);
    std::string tag(sealed.substr(sealed.size() - kTagBytes));
    auto context = new_context();
    std::string plaintext(ciphertext.size(), '\0');
    int written = 0;
    int ignored = 0;
    if (EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) !=
            1 ||
        EVP_DecryptUpdate(context.get(), nullptr, &ignored, bytes(kPrefix), length(kPrefix)) != 1 ||
        EVP_DecryptUpdate(context.get(), bytes(plaintext), &written, bytes(ciphertext),
                          length(ciphertext)) != 1 ||
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes),
                            tag.data()) != 1 ||
        // A changed byte anywhere fails here, at the tag check.
        EVP_DecryptFinal_ex(context.get(), bytes(plaintext) + written, &ignored) != 1) {
        return std::nullopt;
    }
    return plaintext;
}

}  // namespace

SessionSealer::SessionSealer(std::string_view secret_key, std::chrono::seconds max_age)
    : key_(core::hmac_sha256(secret_key, "dss staff session cookie, AES-256-GCM key")),
      max_age_(max_age) {}

std::string SessionSealer::seal(const nlohmann::json& session, Clock::time_point now) const {
    auto sealed = session;
    sealed[std::string(kIssuedAt)] =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return std::string(kPrefix) + core::base64url_encode(encrypt(key_, sealed.dump()));
}

std::optional<nlohmann::json> SessionSealer::open(std::string_view sealed,
                                                  Clock::time_point now) const {
    if (!sealed.starts_with(kPrefix)) return std::nullopt;
    auto raw = core::base64url_decode(sealed.substr(kPrefix.size()));
    if (!raw) return std::nullopt;
    auto plaintext = decrypt(key_, *raw);
    if (!plaintext) return std::nullopt;
    auto session = nlohmann::json::parse(*plaintext, nullptr, false);
    if (!session.is_object() || !session.contains(kIssuedAt) ||
        !session[std::string(kIssuedAt)].is_number_integer()) {
        return std::nullopt;
    }
    auto issued = Clock::time_point(
        std::chrono::seconds(session[std::string(kIssuedAt)].get<std::int64_t>()));
    if (now - issued > max_age_ || issued - now > std::chrono::minutes(5)) return std::nullopt;
    session.erase(std::string(kIssuedAt));
    return session;
}

}  // namespace dss::auth
