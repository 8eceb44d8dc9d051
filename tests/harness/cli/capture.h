#pragma once
// Runs the CLI in-process with a Context and captures its exit code, stdout and stderr.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "harness/cli/cli.h"

namespace harness::cli {

struct Captured {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// `args` without the program name.
inline Captured run_with(std::vector<std::string> args, Context context) {
    char* out_buffer = nullptr;
    char* err_buffer = nullptr;
    size_t out_size = 0;
    size_t err_size = 0;
    context.out = open_memstream(&out_buffer, &out_size);
    context.err = open_memstream(&err_buffer, &err_size);
    args.insert(args.begin(), "kafkasim");
    std::vector<const char*> argv;
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    Captured captured;
    captured.exit_code = run_cli(int(argv.size()), argv.data(), context);
    std::fclose(context.out);
    std::fclose(context.err);
    captured.out.assign(out_buffer, out_size);
    captured.err.assign(err_buffer, err_size);
    std::free(out_buffer);
    std::free(err_buffer);
    return captured;
}

}  // namespace harness::cli
