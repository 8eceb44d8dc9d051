// `kafkasim explain`: localise a failing seed (harness/trust/explain.h) and print the step.
#include <fmt/format.h>

#include "harness/cli/commands.h"
#include "harness/trust/explain.h"

namespace harness::cli {

int explain_command(const ExplainArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    if (!check_output_paths(scenario_outputs(args.scenario), args.scenario, *scenario, context)) {
        return kExitBadInput;
    }
    sim::set_failure_context(replay_line(args.scenario, args.seed));
    ExplainOptions options;
    options.salts = args.salts;
    options.max_runs = args.max_runs;
    if (args.verbose) {
        options.log = [&](const std::string& line) { fmt::print(context.err, "{}\n", line); };
    }
    sim::Result<ExplainResult> explained = explain(*scenario, args.seed, context.run, options);
    if (!explained) {
        fmt::print(context.err, "kafkasim explain: {}\n", explained.error().message());
        return kExitUnexpected;
    }
    fmt::print(context.out, "{}", render_explain(explained.value()));
    fmt::print(context.out, "replay: {}\n", replay_line(args.scenario, args.seed));
    // --history and --trace keep the failing seed's own run, as replay would write it.
    RunOptions kept =
        run_options(!args.scenario.trace_path.empty(), !args.scenario.history_path.empty());
    if (kept.keep_trace || kept.keep_history) {
        RunResult result = context.run(*scenario, args.seed, kept);
        result.seed = args.seed;
        if (!write_run_files(args.scenario, result, context)) return kExitBadInput;
    }
    return kExitExpected;
}

}  // namespace harness::cli
