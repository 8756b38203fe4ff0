// dss's Hawk against vectors made by the reference implementation (npm hawk; see
// tests/interop/make_vectors.js): normalised strings, MACs, payload hashes, headers, tsm.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "auth/hawk_authenticator.hpp"
#include "auth/hawk_client.hpp"
#include "auth/hawk_crypto.hpp"
#include "auth/hawk_header.hpp"
#include "auth/in_process_nonce_store.hpp"
#include "support/child_process.hpp"

namespace dss::auth {
namespace {

using nlohmann::json;

const json& vectors() {
    static const json loaded = [] {
        std::ifstream file(test::source_directory() / "tests" / "fixtures" / "hawk_vectors.json");
        return json::parse(file);
    }();
    return loaded;
}

std::string text_or_empty(const json& value) {
    return value.is_null() ? std::string{} : value.get<std::string>();
}
std::optional<std::string> optional_text(const json& value) {
    return value.is_null() ? std::nullopt : std::optional<std::string>(value.get<std::string>());
}

HawkCredentials credentials_of(const json& vector) {
    return {vector["credentials"]["id"], vector["credentials"]["key"],
            vector["credentials"]["algorithm"]};
}

HawkArtifacts request_artifacts(const json& vector) {
    HawkArtifacts artifacts;
    artifacts.method = vector["method"];
    artifacts.resource = vector["resource"];
    artifacts.host = vector["host"];
    artifacts.port = vector["port"].get<std::uint16_t>();
    artifacts.ts = std::to_string(vector["ts"].get<std::int64_t>());
    artifacts.nonce = vector["nonce"];
    artifacts.app = optional_text(vector["app"]);
    artifacts.dlg = optional_text(vector["dlg"]);
    return artifacts;
}

TEST(HawkVectors, WereMadeByTheReferenceImplementation) {
    EXPECT_EQ(vectors()["generated_by"].get<std::string>().substr(0, 5), "hawk@");
    EXPECT_GE(vectors()["requests"].size(), 12U);
    EXPECT_GE(vectors()["responses"].size(), 4U);
}

TEST(HawkVectors, RequestNormalizedStringsMacsAndPayloadHashes) {
    for (const auto& vector : vectors()["requests"]) {
        SCOPED_TRACE(vector["name"].get<std::string>());
        auto artifacts = request_artifacts(vector);
        artifacts.hash = text_or_empty(vector["payload_hash"]);
        artifacts.ext = text_or_empty(vector["ext"]);
        EXPECT_EQ(hawk_normalized_string(HawkMacType::header, artifacts), vector["normalized"]);
        EXPECT_EQ(hawk_mac(HawkMacType::header, credentials_of(vector), artifacts), vector["mac"]);
        if (!vector["payload"].is_null()) {
            EXPECT_EQ(hawk_payload_hash(vector["payload"].get<std::string>(),
                                        text_or_empty(vector["content_type"])),
                      vector["payload_hash"]);
        }
    }
}

TEST(HawkVectors, OurClientWritesTheSameAuthorizationHeader) {
    for (const auto& vector : vectors()["requests"]) {
        if (!vector["app"].is_null()) continue;  // dss's client never sends app/dlg
        SCOPED_TRACE(vector["name"].get<std::string>());
        http_client::UrlParts url{"http", vector["host"], vector["port"].get<std::uint16_t>(),
                                  vector["resource"]};
        std::optional<HawkPayload> payload;
        if (!vector["payload"].is_null())
            payload = HawkPayload{vector["payload"], text_or_empty(vector["content_type"])};
        auto signed_request =
            sign_request(credentials_of(vector), vector["method"].get<std::string>(), url, payload,
                         text_or_empty(vector["ext"]), vector["ts"].get<std::int64_t>(),
                         vector["nonce"].get<std::string>());
        EXPECT_EQ(signed_request.authorization, vector["authorization"]);
    }
}

TEST(HawkVectors, OurServerAcceptsEveryReferenceRequest) {
    for (const auto& vector : vectors()["requests"]) {
        SCOPED_TRACE(vector["name"].get<std::string>());
        InProcessNonceStore nonces;
        auto credentials = credentials_of(vector);
        // dss serves plain HTTP; an https client reaches it through a TLS-terminating proxy.
        bool https = vector["url"].get<std::string>().starts_with("https:");
        HawkAuthenticator authenticator(
            core::HawkSettings{}, https,
            [&](const std::string& id) -> std::optional<HawkClient> {
                if (id != credentials.id) return std::nullopt;
                return HawkClient{credentials, {"*"}};
            },
            nonces, [&] { return vector["ts"].get<std::int64_t>(); });
        http::Request request{http::beast_http::string_to_verb(vector["method"].get<std::string>()),
                              vector["resource"].get<std::string>(), 11};
        request.set(http::beast_http::field::host, vector["host_header"].get<std::string>());
        request.set(http::beast_http::field::authorization,
                    vector["authorization"].get<std::string>());
        if (https) request.set("X-Forwarded-Proto", "https");
        if (!vector["content_type"].is_null()) {
            request.set(http::beast_http::field::content_type,
                        vector["content_type"].get<std::string>());
        }
        if (!vector["payload"].is_null()) request.body() = vector["payload"].get<std::string>();
        EXPECT_NO_THROW(authenticator.authenticate(request));
    }
}

TEST(HawkVectors, ResponseMacsAndServerAuthorization) {
    for (const auto& vector : vectors()["responses"]) {
        SCOPED_TRACE(vector["name"].get<std::string>());
        auto credentials = credentials_of(vector);
        auto response = request_artifacts(vector);
        response.hash = vector["payload_hash"];
        response.ext = text_or_empty(vector["ext"]);
        EXPECT_EQ(hawk_normalized_string(HawkMacType::response, response), vector["normalized"]);
        EXPECT_EQ(hawk_mac(HawkMacType::response, credentials, response), vector["mac"]);

        auto request = request_artifacts(vector);
        request.hash = text_or_empty(vector["request_hash"]);
        request.ext = text_or_empty(vector["request_ext"]);
        EXPECT_TRUE(verify_server_authorization(
            credentials, request, vector["server_authorization"].get<std::string>(),
            vector["payload"].get<std::string>(), vector["content_type"].get<std::string>()));
        EXPECT_FALSE(verify_server_authorization(
            credentials, request, vector["server_authorization"].get<std::string>(), "tampered",
            vector["content_type"].get<std::string>()));
    }
}

TEST(HawkVectors, HeaderParsingAgreesWithTheReference) {
    for (const auto& vector : vectors()["headers"]) {
        auto header = vector["header"].get<std::string>();
        SCOPED_TRACE(header.substr(0, 80));
        if (vector["error"].is_null()) {
            auto attributes = parse_hawk_attributes(header);
            for (const auto& [name, value] : vector["attributes"].items())
                EXPECT_EQ(attributes.at(name), value);
            EXPECT_EQ(attributes.size(), vector["attributes"].size());
        } else if (vector["status"] == 401) {
            EXPECT_FALSE(is_hawk_scheme(header));
        } else {
            try {
                parse_hawk_attributes(header);
                ADD_FAILURE() << "accepted";
            } catch (const MalformedHawkHeader& error) {
                EXPECT_EQ(std::string(error.what()), vector["error"].get<std::string>());
            }
        }
    }
}

TEST(HawkVectors, TimestampMacs) {
    for (const auto& vector : vectors()["timestamps"]) {
        auto ts = std::to_string(vector["ts"].get<std::int64_t>());
        EXPECT_EQ(hawk_timestamp_mac(ts, credentials_of(vector)), vector["tsm"]);
    }
}

}  // namespace
}  // namespace dss::auth
