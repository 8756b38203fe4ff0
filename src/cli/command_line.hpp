// The dss command line: parses the arguments and runs the chosen subcommand.
#pragma once

namespace dss::cli {

// The process exit status: the subcommand's, 2 for a usage error, 0 after help or --version.
int run_command_line(int argc, char** argv);

}  // namespace dss::cli
