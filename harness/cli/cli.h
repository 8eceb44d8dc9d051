#pragma once
// The `kafkasim` command line (design.md §7): run, replay, shrink, check and
// list-scenarios, with exit codes 0 (verdict as expected), 1 (unexpected), 2 (bad input).

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "harness/run/run.h"
#include "harness/scenario/scenario.h"

namespace harness::cli {

constexpr int kExitExpected = 0;
constexpr int kExitUnexpected = 1;
constexpr int kExitBadInput = 2;

/// What the commands reach outside themselves, so tests can drive the whole CLI with a
/// fake simulation and captured output.
struct Context {
    std::function<RunResult(const Scenario&, uint64_t, const RunOptions&)> run = harness::run;
    std::function<int(const std::string&, const std::string&, std::FILE*, std::FILE*)> check;
    std::FILE* out = stdout;
    std::FILE* err = stderr;
    /// Draw a progress bar on `err` during sweeps (the binary sets it when stderr is a
    /// terminal).
    bool progress = false;
    /// Stop once the flags are parsed and validated (overrides, seed ranges): no file is
    /// read or written and nothing runs. The CLI fuzzer (tests/fuzz) sets it.
    bool parse_only = false;
};

/// Parses `argv` and runs the command; returns the process exit code.
int run_cli(int argc, const char* const* argv, const Context& context);

}  // namespace harness::cli
