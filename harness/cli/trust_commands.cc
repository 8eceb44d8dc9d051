// What makes a green sweep trustworthy, on the command line (issue 10): the coverage
// table after `kafkasim run` with `--require-coverage`, and
// `kafkasim replay --check-determinism`.
#include <fmt/format.h>

#include "harness/cli/commands.h"
#include "harness/trust/determinism.h"

namespace harness::cli {

bool print_coverage(const RunArgs& args, const Scenario& scenario, const SweepSummary& summary,
                    const Context& context) {
    fmt::print(context.out, "{}", format_coverage(summary.coverage));
    std::vector<std::string> missing = summary.coverage.missing(scenario.coverage.require);
    if (missing.empty()) {
        if (!scenario.coverage.require.empty()) {
            fmt::print(context.out, "required coverage: all {} probes fired\n",
                       scenario.coverage.require.size());
        }
        return true;
    }
    for (const std::string& name : missing) {
        fmt::print(context.out, "required probe never fired: {}{}\n", name,
                   args.require_coverage ? "" : " (a failure with --require-coverage)");
    }
    return !args.require_coverage;
}

int check_determinism_command(const ReplayArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    std::vector<OutputFile> outputs = scenario_outputs(args.scenario);
    if (!args.dot_path.empty()) outputs.push_back({"--dot", args.dot_path});
    if (!outputs.empty()) {
        // Two runs are compared and neither is kept: a file asked for would silently not be.
        fmt::print(context.err,
                   "{} {}: expected no output file with --check-determinism "
                   "(replay without it writes them)\n",
                   outputs[0].flag, outputs[0].path);
        return kExitBadInput;
    }
    sim::set_failure_context(replay_line(args.scenario, args.seed));
    DeterminismReport report = check_determinism(*scenario, args.seed, context.run);
    fmt::print(context.out, "{}", format_determinism(report));
    if (report.deterministic()) return kExitExpected;
    fmt::print(context.out, "{} --check-determinism\n", replay_line(args.scenario, args.seed));
    return kExitUnexpected;
}

}  // namespace harness::cli
