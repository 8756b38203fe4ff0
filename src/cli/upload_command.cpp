// `dss upload inspect FILE`: the uploader's verify step on a local file, as JSON, for scripts
// and tests; it needs no database.
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/command_table.hpp"
#include "core/errors.hpp"
#include "core/startup.hpp"
#include "storage/local_storage.hpp"
#include "uploader/csv_dialect.hpp"
#include "uploader/csv_inspection.hpp"

namespace dss::cli {
namespace {

namespace fs = std::filesystem;

struct InspectOptions {
    std::string file;
    std::string delimiter;
    std::string quote;
    std::uint64_t infer_rows = 0;
    bool infer_rows_given = false;
};

uploader::CsvDialect dialect_of(const InspectOptions& options) {
    try {
        return uploader::parse_dialect(options.delimiter, options.quote);
    } catch (const std::invalid_argument& error) {
        // The message names the field ("delimiter must be..."): made the option's name.
        throw core::UsageError(std::string("--") + error.what());
    }
}

uploader::InspectionOptions inspection_options(const InspectOptions& options) {
    uploader::InspectionOptions inspection;
    inspection.dialect = dialect_of(options);
    // Settings only for the default: a broken configuration need not stop an explicit run.
    inspection.infer_rows =
        options.infer_rows_given
            ? options.infer_rows
            : static_cast<std::uint64_t>(core::load_settings_and_logging().csv_sample_infer_lines);
    return inspection;
}

void print_json(const nlohmann::json& json) {
    // File names need not be UTF-8; JSON must be.
    std::cout << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

int print_error(const std::string& file, const std::string& message) {
    print_json({{"error", message}, {"file", file}});
    return 1;
}

std::unique_ptr<storage::InputStream> open_local_file(const fs::path& path) {
    auto folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    return storage::LocalStorage(folder).open(path.filename().string());
}

int inspect(const InspectOptions& options) {
    auto inspection = inspection_options(options);
    fs::path path(options.file);
    std::error_code ignored;
    // Checked first: LocalStorage would create a missing folder.
    if (!fs::is_regular_file(path, ignored)) {
        return print_error(options.file, fs::exists(path, ignored)
                                             ? options.file + " is not a file"
                                             : "no such file: " + options.file);
    }
    try {
        auto input = open_local_file(path);
        print_json(uploader::inspection_json(uploader::inspect_csv(*input, inspection)));
        return 0;
    } catch (const std::runtime_error& error) {  // the CSV's faults, and the file's (unreadable)
        return print_error(options.file, error.what());
    }
}

}  // namespace

Runner define_upload_command(CLI::App& command) {
    command.require_subcommand(1);
    auto options = std::make_shared<InspectOptions>();
    auto* inspect_command = command.add_subcommand(
        "inspect",
        "Check a CSV as the uploader's verify step does; print its columns, types, reasons and "
        "sample (or the error) as JSON");
    inspect_command->add_option("file", options->file, "The CSV file")->required();
    inspect_command->add_option("--delimiter", options->delimiter,
                                "The character between fields (default ,)");
    inspect_command->add_option("--quote", options->quote,
                                "The character around fields that hold delimiters, quotes or "
                                "line ends (default \")");
    auto* infer_rows =
        inspect_command
            ->add_option("--infer-rows", options->infer_rows,
                         "Rows read to infer types (default: app.csv_sample_infer_lines)")
            ->check(CLI::PositiveNumber);
    return [options, inspect_command, infer_rows]() -> int {
        options->infer_rows_given = infer_rows->count() > 0;
        if (inspect_command->parsed()) return inspect(*options);
        return 2;  // not reached: a subcommand is required
    };
}

}  // namespace dss::cli
