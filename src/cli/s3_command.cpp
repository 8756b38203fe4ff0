// `dss s3 ls | upload PATH KEY | move FROM TO | delete KEY` on the configured storage (the
// reference's S3 commands; they work on a local storage folder too).
#include <fmt/chrono.h>
#include <fmt/core.h>

#include <memory>

#include "cli/command_table.hpp"
#include "core/startup.hpp"
#include "storage/local_storage.hpp"
#include "storage/make_storage.hpp"

namespace dss::cli {
namespace {

struct S3Options {
    std::string prefix;
    std::string path;
    std::string key;
    std::string from;
    std::string to;
};

}  // namespace

Runner define_s3_command(CLI::App& command) {
    command.require_subcommand(1);
    auto options = std::make_shared<S3Options>();
    auto* ls = command.add_subcommand("ls", "List files (recursively, oldest first)");
    ls->add_option("prefix", options->prefix, "Folder to list (default: everything)");
    auto* upload = command.add_subcommand("upload", "Upload a local file");
    upload->add_option("path", options->path, "Local file")->required()->check(CLI::ExistingFile);
    upload->add_option("key", options->key, "Name in storage")->required();
    auto* move = command.add_subcommand("move", "Rename a file in storage");
    move->add_option("from", options->from, "Current name")->required();
    move->add_option("to", options->to, "New name")->required();
    auto* remove = command.add_subcommand("delete", "Delete a file from storage");
    remove->add_option("key", options->key, "Name in storage")->required();

    return [options, ls, upload, move, remove]() -> int {
        auto settings = core::load_settings_and_logging();
        auto store = storage::make_storage(settings.storage);
        if (ls->parsed()) {
            for (const auto& entry : store->list(options->prefix)) {
                fmt::print("{:%Y-%m-%d %H:%M:%S}  {:>12}  {}\n",
                           std::chrono::time_point_cast<std::chrono::seconds>(entry.modified),
                           entry.size, entry.name);
            }
        } else if (upload->parsed()) {
            storage::LocalStorage local(std::filesystem::path(options->path).parent_path().empty()
                                            ? std::filesystem::path(".")
                                            : std::filesystem::path(options->path).parent_path());
            auto bytes =
                storage::copy_file(local, std::filesystem::path(options->path).filename().string(),
                                   *store, options->key);
            fmt::print("uploaded {} ({} bytes) to {} as {}\n", options->path, bytes,
                       store->describe(), options->key);
        } else if (move->parsed()) {
            store->move(options->from, options->to);
            fmt::print("moved {} to {}\n", options->from, options->to);
        } else if (remove->parsed()) {
            store->remove(options->key);
            fmt::print("deleted {}\n", options->key);
        }
        return 0;
    };
}

}  // namespace dss::cli
