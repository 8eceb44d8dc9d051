// `kafkasim run`, `replay` and `list-scenarios`, and what they share: loading with
// overrides, replay lines, writing history and trace files.
#include "harness/cli/commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "harness/report/output.h"
#include "harness/report/report.h"
#include "harness/run/drain.h"
#include "harness/run/sweep.h"
#include "harness/scenario/cluster_shape.h"

namespace harness::cli {
namespace {

std::string shell_quote(const std::string& text) {
    bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("_./:=,@%+-").find(c) != std::string_view::npos;
    });
    if (plain) return text;
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// What the run is, before its verdict: the cluster with its quorum, and the drain.
std::string run_frame_text(const Scenario& scenario) {
    return fmt::format("{:<23}{}\n{:<23}{}\n", "cluster", cluster_text(scenario.cluster),
                       "drain", drain_text(scenario));
}

/// The run's notes and time frame. Trace and history times count from the World's start,
/// a fault's or step's `at` from the workload's start, which a single run prints.
std::string run_notes_text(const std::vector<RunResult>& results) {
    std::string out;
    if (results.size() == 1) {
        auto start = results[0].metrics.find("workload_start_seconds");
        if (start != results[0].metrics.end()) {
            out += fmt::format("{:<23}{:.3f}s of the trace and history: a fault's or step's "
                               "`at` counts from here\n",
                               "workload start", start->second);
        }
        for (const std::string& note : results[0].notes) out += "note: " + note + "\n";
        return out;
    }
    size_t seeds = 0;
    const RunResult* first = nullptr;
    for (const RunResult& result : results) {
        if (result.notes.empty()) continue;
        ++seeds;
        if (first == nullptr) first = &result;
    }
    if (first != nullptr) {
        out += fmt::format("{:<23}{} seed{} (seed {}: {})\n", "notes", seeds,
                           seeds == 1 ? "" : "s", first->seed, first->notes.front());
    }
    return out;
}

std::string verdict_line(const RunResult& result) {
    std::string anomalies;
    for (const std::string& anomaly : result.anomalies) {
        anomalies += (anomalies.empty() ? "" : ", ") + anomaly;
    }
    return fmt::format("seed {}: trace hash {}, {}{}", result.seed,
                       format_trace_hash(result.trace_hash), result.failing ? "FAIL" : "pass",
                       anomalies.empty() ? "" : " (" + anomalies + ")");
}

void add_reports(const RunArgs& args, const ScenarioReport& report, Files& files) {
    if (!args.junit_path.empty()) files.emplace_back(args.junit_path, report_junit({report}));
    if (!args.json_path.empty()) files.emplace_back(args.json_path, report_json({report}));
    if (!args.markdown_path.empty()) {
        files.emplace_back(args.markdown_path, report_markdown({report}));
    }
}

std::vector<OutputFile> run_outputs(const RunArgs& args) {
    std::vector<OutputFile> outputs = scenario_outputs(args.scenario);
    if (!args.junit_path.empty()) outputs.push_back({"--junit", args.junit_path});
    if (!args.json_path.empty()) outputs.push_back({"--json", args.json_path});
    if (!args.markdown_path.empty()) outputs.push_back({"--markdown", args.markdown_path});
    return outputs;
}

std::optional<std::vector<uint64_t>> choose_seeds(const RunArgs& args, const Scenario& scenario,
                                                  const Context& context) {
    if (args.seed) return std::vector<uint64_t>{*args.seed};
    if (args.seeds.empty()) return parse_seeds(std::to_string(scenario.seeds)).value();
    sim::Result<std::vector<uint64_t>> seeds = parse_seeds(args.seeds);
    if (!seeds) {
        fmt::print(context.err, "{}\n", seeds.error().message());
        return {};
    }
    return seeds.value();
}

}  // namespace

std::optional<Scenario> load_with_overrides(const ScenarioArgs& args, const Context& context) {
    std::vector<Override> overrides;
    for (const std::string& text : args.sets) {
        sim::Result<Override> parsed = parse_override(text);
        if (!parsed) {
            fmt::print(context.err, "{}\n", parsed.error().message());
            return {};
        }
        overrides.push_back(parsed.value());
    }
    sim::Result<Scenario> scenario = load_scenario_file(args.scenario, overrides);
    if (!scenario) {
        fmt::print(context.err, "{}\n", scenario.error().message());
        return {};
    }
    return std::move(scenario).value();
}

std::string replay_line(const ScenarioArgs& args, uint64_t seed) {
    std::string line = fmt::format("kafkasim replay {} --seed {}", shell_quote(args.scenario),
                                   seed);
    for (const std::string& set : args.sets) line += " --set " + shell_quote(set);
    return line;
}

std::vector<OutputFile> scenario_outputs(const ScenarioArgs& args) {
    std::vector<OutputFile> outputs;
    if (!args.history_path.empty()) outputs.push_back({"--history", args.history_path});
    if (!args.trace_path.empty()) outputs.push_back({"--trace", args.trace_path});
    return outputs;
}

bool check_output_paths(const std::vector<OutputFile>& outputs, const ScenarioArgs& args,
                        const Scenario& scenario, const Context& context) {
    std::vector<std::string> inputs = {args.scenario};
    std::filesystem::path directory = std::filesystem::path(args.scenario).parent_path();
    for (const ProducerSpec& producer : scenario.producers) {
        if (producer.data_file.empty()) continue;
        inputs.push_back((directory / producer.data_file).string());
    }
    sim::Status checked = check_outputs(outputs, inputs);
    if (!checked) fmt::print(context.err, "{}\n", checked.error().message());
    return checked.ok();
}

void add_run_files(const ScenarioArgs& args, const RunResult& result, Files& files) {
    if (!args.history_path.empty()) files.emplace_back(args.history_path, result.history_csv);
    if (!args.trace_path.empty()) files.emplace_back(args.trace_path, result.trace_json);
}

bool write_files(const Files& files, const Context& context) {
    sim::Status written = write_outputs(files);
    if (!written) fmt::print(context.err, "{}\n", written.error().message());
    return written.ok();
}

bool write_run_files(const ScenarioArgs& args, const RunResult& result, const Context& context) {
    Files files;
    add_run_files(args, result, files);
    if (!write_files(files, context)) return false;
    for (const OutputFile& output : scenario_outputs(args)) {
        fmt::print(context.out, "seed {}: wrote {}\n", result.seed, output.path);
    }
    return true;
}

int run_command(const RunArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    std::optional<std::vector<uint64_t>> seeds = choose_seeds(args, *scenario, context);
    if (!seeds) return kExitBadInput;
    if (!check_output_paths(run_outputs(args), args.scenario, *scenario, context)) {
        return kExitBadInput;
    }
    ReplayLine line = [&](uint64_t seed) { return replay_line(args.scenario, seed); };
    bool single = seeds->size() == 1;
    RunOptions files_options = run_options(!args.scenario.trace_path.empty(),
                             !args.scenario.history_path.empty());
    // A sweep keeps neither history nor trace (memory); the seed whose files were asked
    // for is rerun afterwards, which determinism makes identical.
    RunOptions sweep_options = single ? files_options : run_options(false, false);
    SweepOptions options{args.jobs, context.progress && !single ? context.err : nullptr, line};
    std::vector<RunResult> results =
        sweep(*scenario, *seeds, options, [&](const Scenario& s, uint64_t seed) {
            return context.run(s, seed, sweep_options);
        });
    ScenarioReport report = make_report(*scenario, *seeds, results, line);
    fmt::print(context.out, "{}: {} seed{} ({})\n", scenario->name, seeds->size(),
               single ? "" : "s", seeds_text(*seeds));
    fmt::print(context.out, "{}", run_frame_text(*scenario));
    if (single) fmt::print(context.out, "{}\n{}", verdict_line(results[0]),
                           results[0].verdict_text);
    fmt::print(context.out, "{}", run_notes_text(results));
    // A handful of replay lines is enough to start from; the reports list every seed.
    constexpr size_t kReplayLinesShown = 5;
    fmt::print(context.out, "{}", format_summary(report.summary, line, kReplayLinesShown));
    const bool coverage_held = print_coverage(args, *scenario, report.summary, context);
    Files files;
    uint64_t kept_seed = report.summary.first_failing_seed.value_or(seeds->front());
    if (files_options.keep_trace || files_options.keep_history) {
        RunResult kept = single ? results[0] : context.run(*scenario, kept_seed, files_options);
        add_run_files(args.scenario, kept, files);
    }
    add_reports(args, report, files);
    if (!write_files(files, context)) return kExitBadInput;
    for (const OutputFile& output : scenario_outputs(args.scenario)) {
        fmt::print(context.out, "seed {}: wrote {}\n", kept_seed, output.path);
    }
    return report.summary.expectation_held && coverage_held ? kExitExpected : kExitUnexpected;
}

int replay_command(const ReplayArgs& args, const Context& context) {
    if (args.check_determinism) return check_determinism_command(args, context);
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    std::vector<OutputFile> outputs = scenario_outputs(args.scenario);
    if (!args.dot_path.empty()) outputs.push_back({"--dot", args.dot_path});
    if (!check_output_paths(outputs, args.scenario, *scenario, context)) return kExitBadInput;
    RunOptions options =
        run_options(!args.scenario.trace_path.empty(), !args.scenario.history_path.empty());
    options.keep_topology = !args.dot_path.empty();
    sim::set_failure_context(replay_line(args.scenario, args.seed));
    RunResult result = context.run(*scenario, args.seed, options);
    result.seed = args.seed;
    fmt::print(context.out, "{}\n{}", verdict_line(result), result.verdict_text);
    fmt::print(context.out, "{}", run_notes_text({result}));
    if (result.failing) fmt::print(context.out, "{}\n", replay_line(args.scenario, args.seed));
    Files files;
    add_run_files(args.scenario, result, files);
    if (!args.dot_path.empty()) files.emplace_back(args.dot_path, result.topology_dot);
    if (!write_files(files, context)) return kExitBadInput;
    for (const OutputFile& output : outputs) {
        fmt::print(context.out, "seed {}: wrote {}\n", result.seed, output.path);
    }
    SweepSummary summary = summarize(scenario->expect, {result});
    fmt::print(context.out, "expected {} ({})\n", scenario->expect.text(),
               summary.expectation_held ? "held" : "NOT held");
    return summary.expectation_held ? kExitExpected : kExitUnexpected;
}

int list_scenarios_command(const std::string& directory, const Context& context) {
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
        fmt::print(context.err, "{}: expected a directory of scenario files\n", directory);
        return kExitBadInput;
    }
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
            paths.push_back(entry.path().string());
        }
    }
    std::sort(paths.begin(), paths.end());
    bool all_valid = true;
    std::vector<std::array<std::string, 4>> rows;
    std::array<size_t, 3> widths = {0, 0, 0};
    for (const std::string& path : paths) {
        sim::Result<Scenario> scenario = load_scenario_file(path);
        if (!scenario) {
            fmt::print(context.err, "{}\n", scenario.error().message());
            all_valid = false;
            continue;
        }
        const Scenario& s = scenario.value();
        rows.push_back({s.name, s.expect.text(), path, s.description});
        for (size_t i = 0; i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], rows.back()[i].size());
        }
    }
    for (const auto& row : rows) {
        fmt::print(context.out, "{:<{}}  {:<{}}  {:<{}}  {}\n", row[0], widths[0], row[1],
                   widths[1], row[2], widths[2], row[3]);
    }
    return all_valid ? kExitExpected : kExitBadInput;
}

}  // namespace harness::cli
