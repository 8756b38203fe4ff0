// `dss sample`: the demo client and sample rows `make run` loads, and a command to try the API.
#include <fmt/core.h>

#include <memory>

#include "cli/command_table.hpp"
#include "core/startup.hpp"
#include "db/connection.hpp"
#include "sample/sample_data.hpp"

namespace dss::cli {
namespace {

struct SampleOptions {
    std::string base_url = "http://localhost:5050";
};

int load(const SampleOptions& options) {
    auto settings = core::load_settings_and_logging();
    db::Connection connection(settings.database.url,
                              {settings.database.connect_timeout, "dss sample"});
    auto report = sample::load_sample(connection);
    fmt::print(
        "sample: {} reference postcodes and {} ONS postcodes added (tables with data are left "
        "alone)\n",
        report.reference_postcodes, report.ons_postcodes);
    fmt::print("Try the API with the demo Hawk client:\n");
    fmt::print(
        "  build/dss hawk request --url {}/api/v1/get-ons-postcodes/ --client-id {} --client-key "
        "{} --method GET\n",
        options.base_url, report.client_id, report.client_key);
    return 0;
}

}  // namespace

Runner define_sample_command(CLI::App& command) {
    auto options = std::make_shared<SampleOptions>();
    command.add_option("--base-url", options->base_url,
                       "Where dss serve will listen, for the printed command");
    return [options] { return load(*options); };
}

}  // namespace dss::cli
