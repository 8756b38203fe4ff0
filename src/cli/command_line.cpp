#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command_table.hpp"
#include "core/build_info.hpp"

namespace dss::cli {

int run_command_line(int argc, char** argv) {
    CLI::App app{
        "dss, the Data Store Service: fetches public datasets and staff uploads into "
        "PostgreSQL and serves them through a Hawk-authenticated JSON API."};
    app.name("dss");
    app.set_version_flag("--version", std::string("dss ") + core::kVersion);
    app.require_subcommand(0, 1);

    std::vector<std::pair<CLI::App*, Runner>> runners;
    for (const auto& command : command_table()) {
        auto* subcommand = app.add_subcommand(command.name, command.summary);
        runners.emplace_back(subcommand, command.define(*subcommand));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // CLI11 prints the message (or the help); its own codes (105, 106...) are not ours:
        // every usage error exits 2, as the README says.
        return app.exit(error) == 0 ? 0 : 2;
    }
    for (const auto& [subcommand, runner] : runners) {
        if (subcommand->parsed()) return run_reporting_errors(runner);
    }
    std::cout << app.help();
    return 0;
}

}  // namespace dss::cli
