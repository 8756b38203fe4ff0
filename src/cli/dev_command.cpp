// The reference's spellings, so that existing Jenkins jobs keep working:
// `dss dev datafiles_to_db_by_source --all --dit.baci ...` (dss ingest, pipelines.md 2.4) and
// `dss dev datafiles_to_s3_by_source --all --hmrc.exporters ...` (dss fetch, jobs.md).
#include <memory>

#include "cli/command_table.hpp"
#include "cli/fetch_command.hpp"
#include "cli/ingest_command.hpp"

namespace dss::cli {
namespace {

void define_datafiles_to_db(CLI::App& dev, const std::shared_ptr<Runner>& runner) {
    auto options = std::make_shared<IngestOptions>();
    auto* command =
        dev.add_subcommand("datafiles_to_db_by_source", "The reference's spelling of dss ingest");
    command->add_flag("--all", options->all, "Every source");
    command->add_flag("--force", options->force, "Rebuild from all files");
    command->add_flag("--allow-empty", options->allow_empty,
                      "With --force: an empty listing empties the source");
    // One flag per group, as the reference had them.
    for (const auto* group :
         {"ons.postcode_directory", "dit.reference_postcodes", "dit.baci", "world_bank.tariff",
          "dit.spire", "companies_house.accounts_legacy", "hmrc.exporters"}) {
        command->add_flag_callback(
            std::string("--") + group, [options, group] { options->sources.emplace_back(group); },
            std::string("Sources of group ") + group);
    }
    command->callback([options, command, runner] {
        *runner = [options, command] { return run_ingest(*options, command->help()); };
    });
}

void define_datafiles_to_s3(CLI::App& dev, const std::shared_ptr<Runner>& runner) {
    auto options = std::make_shared<FetchCommandOptions>();
    auto* command =
        dev.add_subcommand("datafiles_to_s3_by_source", "The reference's spelling of dss fetch");
    command->add_flag("--all", options->all, "Every source");
    for (const auto* source :
         {"companies_house.accounts_legacy", "hmrc.exporters", "ons.postcode_directory"}) {
        command->add_flag_callback(
            std::string("--") + source,
            [options, source] { options->sources.emplace_back(source); },
            std::string("Fetch ") + source);
    }
    command->callback([options, command, runner] {
        *runner = [options, command] { return run_fetch(*options, command->help()); };
    });
}

}  // namespace

Runner define_dev_command(CLI::App& command) {
    command.require_subcommand(1);
    // The subcommand parsed decides what runs.
    auto runner = std::make_shared<Runner>();
    define_datafiles_to_db(command, runner);
    define_datafiles_to_s3(command, runner);
    return [runner] { return (*runner)(); };
}

}  // namespace dss::cli
