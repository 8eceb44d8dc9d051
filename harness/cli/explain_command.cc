// `kafkasim explain`: localise a failing seed (harness/trust/explain.h) and print the step.
#include <fmt/format.h>

#include "harness/cli/commands.h"
#include "harness/trust/explain.h"

namespace harness::cli {

int explain_command(const ExplainArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
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
    return kExitExpected;
}

}  // namespace harness::cli
