// `kafkasim shrink`: minimise a failing seed's scenario and print it as a scenario file.
#include <fmt/format.h>

#include "harness/cli/commands.h"
#include "harness/report/report.h"
#include "harness/trust/shrink.h"

namespace harness::cli {

int shrink_command(const ShrinkArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    std::vector<OutputFile> outputs = scenario_outputs(args.scenario);
    if (!args.output_path.empty()) outputs.push_back({"--output", args.output_path});
    if (!check_output_paths(outputs, args.scenario, *scenario, context)) return kExitBadInput;
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
        readable_duration(scenario->duration), readable_duration(result.minimal.duration),
        result.runs, result.anomaly);
    text += to_toml(result.minimal);
    fmt::print(context.out, "{}", text);
    Files files;
    RunOptions kept_options =
        run_options(!args.scenario.trace_path.empty(), !args.scenario.history_path.empty());
    if (kept_options.keep_trace || kept_options.keep_history) {
        add_run_files(args.scenario, context.run(result.minimal, args.seed, kept_options),
                      files);
    }
    if (!args.output_path.empty()) files.emplace_back(args.output_path, text);
    if (!write_files(files, context)) return kExitBadInput;
    for (const OutputFile& output : scenario_outputs(args.scenario)) {
        fmt::print(context.out, "seed {}: wrote {}\n", args.seed, output.path);
    }
    if (!args.output_path.empty()) {
        fmt::print(context.err, "wrote {}; replay with: kafkasim replay {} --seed {}\n",
                   args.output_path, args.output_path, args.seed);
    }
    return kExitExpected;
}

}  // namespace harness::cli
