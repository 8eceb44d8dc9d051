// `kafkasim shrink`: minimise a failing seed's scenario and print it as a scenario file.
#include <fmt/format.h>

#include "harness/cli/commands.h"
#include "harness/report/report.h"
#include "harness/trust/shrink.h"

namespace harness::cli {

int shrink_command(const ShrinkArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    sim::set_failure_context(replay_line(args.scenario, args.seed));
    RunFunction run = [&](const Scenario& candidate, uint64_t seed) {
        return context.run(candidate, seed, run_options(false, false));
    };
    sim::Result<ShrinkResult> shrunk = shrink(*scenario, args.seed, run,
                                              ShrinkOptions{args.max_runs});
    if (!shrunk) {
        fmt::print(context.err, "kafkasim shrink: {}\n", shrunk.error().message());
        return kExitUnexpected;
    }
    const ShrinkResult& result = shrunk.value();
    std::string text = fmt::format(
        "# kafkasim shrink {} --seed {}: {} -> {} faults, duration {} -> {}, {} runs; "
        "still shows {}\n",
        args.scenario.scenario, args.seed, result.original_faults, result.minimal.faults.size(),
        sim::format_duration(scenario->duration), sim::format_duration(result.minimal.duration),
        result.runs, result.anomaly);
    text += to_toml(result.minimal);
    fmt::print(context.out, "{}", text);
    if (!args.output_path.empty()) {
        sim::Status written = write_file_atomically(args.output_path, text);
        if (!written) {
            fmt::print(context.err, "{}\n", written.error().message());
            return kExitBadInput;
        }
        fmt::print(context.err, "wrote {}; replay with: kafkasim replay {} --seed {}\n",
                   args.output_path, args.output_path, args.seed);
    }
    RunOptions files =
        run_options(!args.scenario.trace_path.empty(), !args.scenario.history_path.empty());
    if (files.keep_trace || files.keep_history) {
        RunResult kept = context.run(result.minimal, args.seed, files);
        kept.seed = args.seed;
        if (!write_run_files(args.scenario, kept, context)) return kExitBadInput;
    }
    return kExitExpected;
}

}  // namespace harness::cli
