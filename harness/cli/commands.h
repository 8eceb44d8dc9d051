#pragma once
// The commands behind cli.h, one function each, with their parsed flags.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/cli/cli.h"
#include "harness/report/output.h"
#include "harness/run/sweep.h"
#include "harness/scenario/toml.h"
#include "harness/shell/repl.h"

namespace harness::cli {

/// Flags shared by the commands that load a scenario.
struct ScenarioArgs {
    std::string scenario;
    std::vector<std::string> sets;
    std::string history_path;
    std::string trace_path;
};

struct RunArgs {
    ScenarioArgs scenario;
    std::optional<uint64_t> seed;
    std::string seeds;
    int jobs = 1;
    std::string junit_path;
    std::string json_path;
    std::string markdown_path;
    /// A probe the scenario's [coverage] requires that fired on no seed fails the run.
    bool require_coverage = false;
};

struct ReplayArgs {
    ScenarioArgs scenario;
    uint64_t seed = 0;
    /// Run the seed twice and report the first differing trace event, if any.
    bool check_determinism = false;
    /// `--dot F.dot`: write the network's reachability when the workload ended (Graphviz).
    std::string dot_path;
};

struct ShrinkArgs {
    ScenarioArgs scenario;
    uint64_t seed = 0;
    std::string output_path;
    size_t max_runs = 500;
};

struct ExplainArgs {
    ScenarioArgs scenario;
    uint64_t seed = 0;
    uint64_t salts = 6;
    size_t max_runs = 200;
    /// Print each candidate time and its outcome on stderr.
    bool verbose = false;
};

struct CorpusArgs {
    std::string index = "scenarios/corpus/index.csv";
};

int run_command(const RunArgs& args, const Context& context);
int explain_command(const ExplainArgs& args, const Context& context);
int corpus_command(const CorpusArgs& args, const Context& context);
int replay_command(const ReplayArgs& args, const Context& context);
int shrink_command(const ShrinkArgs& args, const Context& context);
/// `replay --check-determinism`: exit 0 (printing the hash) when two runs agree, 1 with
/// the first differing event when they do not.
int check_determinism_command(const ReplayArgs& args, const Context& context);
int list_scenarios_command(const std::string& directory, const Context& context);
/// `kafkasim shell`: reads standard input (a terminal gets a prompt and line editing).
int shell_command(const shell::ShellArgs& args, const Context& context);

/// Loads the scenario with its `--set` overrides; prints the error and returns nullopt
/// on bad input.
std::optional<Scenario> load_with_overrides(const ScenarioArgs& args, const Context& context);

/// Prints the sweep's coverage table and the scenario's required probes that never
/// fired; false when `args.require_coverage` and one of them never fired.
bool print_coverage(const RunArgs& args, const Scenario& scenario, const SweepSummary& summary,
                    const Context& context);

/// "kafkasim replay F --seed N [--set K=V]...", shell-quoted where needed.
std::string replay_line(const ScenarioArgs& args, uint64_t seed);

/// Files to write: (path, contents), written together by write_files.
using Files = std::vector<std::pair<std::string, std::string>>;
/// The --history and --trace outputs asked for.
std::vector<OutputFile> scenario_outputs(const ScenarioArgs& args);
/// Checks `outputs` before anything runs (report/output.h) against each other and the
/// inputs (the scenario file, its data files); false after printing why.
bool check_output_paths(const std::vector<OutputFile>& outputs, const ScenarioArgs& args,
                        const Scenario& scenario, const Context& context);
/// Adds the history and trace files a command asked for, from `result`.
void add_run_files(const ScenarioArgs& args, const RunResult& result, Files& files);
/// Writes every file or none (write_outputs); false after printing why.
bool write_files(const Files& files, const Context& context);
/// Writes the history and trace files a command asked for, from `result`, and says so;
/// false (after printing why) when one cannot be written.
bool write_run_files(const ScenarioArgs& args, const RunResult& result, const Context& context);

}  // namespace harness::cli
