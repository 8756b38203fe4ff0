// `dss db`: create or drop the database, apply or drop the tables (the reference's
// `manage.py db` flags), `dss db upgrade` and `dss db status`.
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>

#include "cli/command_table.hpp"
#include "core/startup.hpp"
#include "db/connection.hpp"
#include "db/database_url.hpp"
#include "db/identifier.hpp"
#include "db/migrator.hpp"

namespace dss::cli {
namespace {

struct DbOptions {
    bool create = false;
    bool drop = false;
    bool create_tables = false;
    bool drop_tables = false;
    bool recreate_tables = false;
};

db::ConnectOptions connect_options(const core::Settings& settings) {
    return {settings.database.connect_timeout, "dss db"};
}

db::Connection connect_maintenance(const core::Settings& settings) {
    return db::Connection(db::with_database(settings.database.url, "postgres"),
                          connect_options(settings));
}

void create_database(const core::Settings& settings) {
    auto name = db::database_of(settings.database.url);
    auto connection = connect_maintenance(settings);
    if (!connection.execute("SELECT 1 FROM pg_database WHERE datname = $1", name).empty()) {
        fmt::print("database {} already exists\n", name);
        return;
    }
    connection.execute("CREATE DATABASE " + db::quote_identifier(name));
    fmt::print("created database {}\n", name);
}

void drop_database(const core::Settings& settings) {
    auto name = db::database_of(settings.database.url);
    auto connection = connect_maintenance(settings);
    connection.execute("DROP DATABASE IF EXISTS " + db::quote_identifier(name));
    fmt::print("dropped database {}\n", name);
}

db::Migrator migrator_for(db::Connection& connection) {
    return {connection, db::parse_migrations(db::embedded_migrations())};
}

void upgrade(const core::Settings& settings) {
    db::Connection connection(settings.database.url, connect_options(settings));
    auto applied = migrator_for(connection).upgrade();
    if (applied.empty()) {
        fmt::print("database is up to date\n");
        return;
    }
    for (const auto& name : applied) fmt::print("applied {}\n", name);
}

void drop_tables(const core::Settings& settings) {
    db::Connection connection(settings.database.url, connect_options(settings));
    auto dropped = migrator_for(connection).drop_all();
    fmt::print("dropped schemas: {}\n",
               dropped.empty() ? "none" : fmt::format("{}", fmt::join(dropped, ", ")));
}

void print_status(const core::Settings& settings) {
    db::Connection connection(settings.database.url, connect_options(settings));
    auto migrator = migrator_for(connection);
    for (const auto& status : migrator.status()) {
        fmt::print("{}  {}\n", status.applied ? "applied" : "pending", status.migration->name);
    }
}

}  // namespace

Runner define_db_command(CLI::App& command) {
    auto options = std::make_shared<DbOptions>();
    command.add_flag("--create", options->create, "Create the database named in app.database_url");
    command.add_flag("--drop", options->drop, "Drop that database");
    command.add_flag("--create_tables,--upgrade,--run_migrations", options->create_tables,
                     "Apply pending migrations");
    command.add_flag("--drop_tables", options->drop_tables,
                     "Drop every schema and table (all data!)");
    command.add_flag("--recreate_tables", options->recreate_tables,
                     "--drop_tables, then --create_tables");
    auto* upgrade_command = command.add_subcommand("upgrade", "Apply pending migrations");
    auto* status_command = command.add_subcommand("status", "List migrations, applied or pending");
    command.require_subcommand(0, 1);

    return [&command, options, upgrade_command, status_command]() -> int {
        auto settings = core::load_settings_and_logging();
        bool any = false;
        auto step = [&any](bool wanted, auto&& action) {
            if (!wanted) return;
            any = true;
            action();
        };
        step(options->drop, [&] { drop_database(settings); });
        step(options->create, [&] { create_database(settings); });
        step(options->drop_tables || options->recreate_tables, [&] { drop_tables(settings); });
        step(options->create_tables || options->recreate_tables || upgrade_command->parsed(),
             [&] { upgrade(settings); });
        step(status_command->parsed(), [&] { print_status(settings); });
        if (!any) {
            std::cout << command.help();
            return 2;
        }
        return 0;
    };
}

}  // namespace dss::cli
