// The `kafkasim` executable: the CLI of cli.h with the real simulation and checkers.
#include <unistd.h>

#include <cstdio>

#include "harness/cli/check_command.h"
#include "harness/cli/cli.h"

int main(int argc, char** argv) {
    harness::cli::Context context;
    context.check = harness::check_history_file;
    context.progress = ::isatty(::fileno(stderr)) != 0;
    return harness::cli::run_cli(argc, argv, context);
}
