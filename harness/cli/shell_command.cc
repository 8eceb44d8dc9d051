// `kafkasim shell`: the shell of harness/shell on the process's standard input.
#include <unistd.h>

#include <cstdio>

#include "harness/cli/commands.h"
#include "serve/serve.h"

namespace harness::cli {

int shell_command(const shell::ShellArgs& args, const Context& context) {
    if (!args.listen.empty()) {
        return serve::run_shell_listening(args, args.listen, context.out, context.err);
    }
    const bool interactive = ::isatty(::fileno(stdin)) != 0;
    return shell::run_shell(args, stdin, context.out, context.err, interactive);
}

}  // namespace harness::cli
