// `kafkasim run`, `replay` and `list-scenarios`, and what they share: loading with
// overrides, replay lines, writing history and trace files.
#include "harness/cli/commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "harness/report/report.h"
#include "harness/run/sweep.h"

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

std::string verdict_line(const RunResult& result) {
    std::string anomalies;
    for (const std::string& anomaly : result.anomalies) {
        anomalies += (anomalies.empty() ? "" : ", ") + anomaly;
    }
    return fmt::format("seed {}: trace hash {}, {}{}", result.seed,
                       format_trace_hash(result.trace_hash), result.failing ? "FAIL" : "pass",
                       anomalies.empty() ? "" : " (" + anomalies + ")");
}

bool write_reports(const RunArgs& args, const ScenarioReport& report, const Context& context) {
    std::vector<std::pair<std::string, std::string>> files;
    if (!args.junit_path.empty()) files.emplace_back(args.junit_path, report_junit({report}));
    if (!args.json_path.empty()) files.emplace_back(args.json_path, report_json({report}));
    if (!args.markdown_path.empty()) {
        files.emplace_back(args.markdown_path, report_markdown({report}));
    }
    for (const auto& [path, contents] : files) {
        sim::Status written = write_file_atomically(path, contents);
        if (!written) {
            fmt::print(context.err, "{}\n", written.error().message());
            return false;
        }
    }
    return true;
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

bool write_run_files(const ScenarioArgs& args, const RunResult& result, const Context& context) {
    std::vector<std::pair<std::string, const std::string*>> files;
    if (!args.history_path.empty()) files.emplace_back(args.history_path, &result.history_csv);
    if (!args.trace_path.empty()) files.emplace_back(args.trace_path, &result.trace_json);
    for (const auto& [path, contents] : files) {
        sim::Status written = write_file_atomically(path, *contents);
        if (!written) {
            fmt::print(context.err, "{}\n", written.error().message());
            return false;
        }
        fmt::print(context.out, "seed {}: wrote {}\n", result.seed, path);
    }
    return true;
}

int run_command(const RunArgs& args, const Context& context) {
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    std::optional<std::vector<uint64_t>> seeds = choose_seeds(args, *scenario, context);
    if (!seeds) return kExitBadInput;
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
    if (single) fmt::print(context.out, "{}\n{}", verdict_line(results[0]),
                           results[0].verdict_text);
    fmt::print(context.out, "{}", format_summary(report.summary, line, SIZE_MAX));
    const bool coverage_held = print_coverage(args, *scenario, report.summary, context);
    if (files_options.keep_trace || files_options.keep_history) {
        uint64_t seed = report.summary.first_failing_seed.value_or(seeds->front());
        RunResult kept = single ? results[0] : context.run(*scenario, seed, files_options);
        kept.seed = seed;
        if (!write_run_files(args.scenario, kept, context)) return kExitBadInput;
    }
    if (!write_reports(args, report, context)) return kExitBadInput;
    return report.summary.expectation_held && coverage_held ? kExitExpected : kExitUnexpected;
}

int replay_command(const ReplayArgs& args, const Context& context) {
    if (args.check_determinism) return check_determinism_command(args, context);
    std::optional<Scenario> scenario = load_with_overrides(args.scenario, context);
    if (!scenario) return kExitBadInput;
    RunOptions options =
        run_options(!args.scenario.trace_path.empty(), !args.scenario.history_path.empty());
    sim::set_failure_context(replay_line(args.scenario, args.seed));
    RunResult result = context.run(*scenario, args.seed, options);
    result.seed = args.seed;
    fmt::print(context.out, "{}\n{}", verdict_line(result), result.verdict_text);
    if (result.failing) fmt::print(context.out, "{}\n", replay_line(args.scenario, args.seed));
    if (!write_run_files(args.scenario, result, context)) return kExitBadInput;
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
