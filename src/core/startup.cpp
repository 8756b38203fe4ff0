// The start-up sequence every command shares.
#include "core/startup.hpp"

#include "core/config.hpp"
#include "core/dotenv.hpp"
#include "core/environment.hpp"
#include "core/logging.hpp"

namespace dss::core {

Settings load_settings_and_logging() {
    configure_logging("info");
    auto environment = Environment::from_process();
    if (environment.flag("USE_DOTENV")) environment.add_missing(read_dotenv_file(".env"));
    auto directory = Config::locate_directory(environment);
    auto config = Config::load(directory, environment);
    auto settings = Settings::from(config);
    settings.config_directory = directory.string();
    configure_logging(settings.log_level);
    return settings;
}

}  // namespace dss::core
