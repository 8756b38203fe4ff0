// `dss hawk add-user` and `dss hawk request` (the reference's `flask dev add_hawk_user` and
// `flask hawk_api_request`).
#include <fmt/core.h>

#include <cctype>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "auth/hawk_client.hpp"
#include "auth/hawk_client_directory.hpp"
#include "cli/command_table.hpp"
#include "core/errors.hpp"
#include "core/startup.hpp"
#include "db/connection.hpp"
#include "http/url_encoding.hpp"

namespace dss::cli {
namespace {

struct AddUserOptions {
    std::string id;
    std::string key;
    std::string scopes;
    std::string description;
};

struct RequestOptions {
    std::string url;
    std::string id;
    std::string key;
    std::string method = "GET";
    std::string post_data;
    std::string query_params;
};

std::vector<std::string> split_scopes(const std::string& text) {
    std::vector<std::string> scopes;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        auto scope =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto first = scope.find_first_not_of(' ');
        if (first != std::string::npos)
            scopes.push_back(scope.substr(first, scope.find_last_not_of(' ') - first + 1));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return scopes;
}

int add_user(const AddUserOptions& options) {
    auto settings = core::load_settings_and_logging();
    db::Connection connection(settings.database.url,
                              {settings.database.connect_timeout, "dss hawk"});
    auth::HawkClient client{{options.id, options.key, "sha256"}, split_scopes(options.scopes)};
    if (client.scopes.empty()) throw core::UsageError("--client-scope names no scope");
    if (auth::add_hawk_client(connection, client, options.description)) {
        fmt::print("added Hawk client {} with scopes {}\n", options.id, options.scopes);
    } else {
        fmt::print("Hawk client {} already exists; left unchanged\n", options.id);
    }
    return 0;
}

int request(const RequestOptions& options) {
    core::load_settings_and_logging();
    if (options.method != "GET" && options.method != "POST")
        throw core::UsageError("--method must be GET or POST");
    std::optional<auth::HawkPayload> payload;
    if (options.method == "POST") {
        if (!nlohmann::json::accept(options.post_data)) {
            throw core::UsageError("--post-data must be valid JSON for POST, got '" +
                                   options.post_data + "'");
        }
        payload = auth::HawkPayload{options.post_data, "application/json"};
    }
    auto url = options.url;
    if (!options.query_params.empty())
        url += (url.find('?') == std::string::npos ? "?" : "&") +
               http::percent_encode(options.query_params, "&=%+/:,;@!$'()*?");

    auth::HawkCredentials credentials{options.id, options.key, "sha256"};
    auto answer = auth::send_signed_request(credentials, options.method, url, payload);
    const auto& response = answer.response;
    fmt::print("HTTP {} {}\n", response.status, response.reason);
    if (nlohmann::json::accept(response.body)) {
        fmt::print("{}\n", nlohmann::json::parse(response.body).dump(2));
    } else if (!response.body.empty()) {
        fmt::print("{}\n", response.body);
    }
    if (answer.server_authorization_valid == false) {
        fmt::print(stderr,
                   "dss: the response's Server-Authorization does not verify: do not trust it\n");
        return 1;
    }
    return answer.succeeded() ? 0 : 1;
}

}  // namespace

Runner define_hawk_command(CLI::App& command) {
    command.require_subcommand(1);
    auto add_options = std::make_shared<AddUserOptions>();
    auto* add = command.add_subcommand("add-user", "Register a Hawk client in public.hawk_users");
    add->add_option("--client-id", add_options->id, "Client id")->required();
    add->add_option("--client-key", add_options->key, "Shared secret key")->required();
    add->add_option("--client-scope", add_options->scopes, "Comma-separated scopes, * for all")
        ->required();
    add->add_option("--description", add_options->description, "Who the client is")->required();

    auto request_options = std::make_shared<RequestOptions>();
    auto* send =
        command.add_subcommand("request", "Send a Hawk-signed request and verify the answer");
    send->add_option("--url", request_options->url, "Absolute URL")->required();
    send->add_option("--client-id", request_options->id, "Client id")->required();
    send->add_option("--client-key", request_options->key, "Client key")->required();
    send->add_option("--method", request_options->method, "GET or POST")
        ->check(CLI::IsMember({"GET", "POST"}));
    send->add_option("--post-data", request_options->post_data, "JSON body for POST");
    send->add_option("--query-params", request_options->query_params,
                     "Query string to append, a=b&c=d");

    return [add, add_options, request_options] {
        return add->parsed() ? add_user(*add_options) : request(*request_options);
    };
}

}  // namespace dss::cli
