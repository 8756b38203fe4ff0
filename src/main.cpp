// dss: one binary, subcommands from cli/command_table. The command line is parsed in cli/, so
// that this file stays cheap to compile and the tests link the same code.
#include "cli/command_line.hpp"

int main(int argc, char** argv) { return dss::cli::run_command_line(argc, argv); }
