// The CLI11 definition of `kafkasim`: subcommands, flags, and turning CLI11's errors
// into one line with a usage hint (exit 2).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <thread>

#include "harness/check_command.h"
#include "harness/cli/commands.h"

namespace harness::cli {
namespace {

void add_scenario_flags(CLI::App& command, ScenarioArgs& args) {
    command.add_option("SCENARIO", args.scenario, "Scenario file (.toml)")->required();
    command.add_option("--set", args.sets,
                       "Override a scenario key, e.g. producers.trucks.config.acks=all")
        ->allow_extra_args(false)
        ->type_name("K=V");
    command.add_option("--history", args.history_path, "Write the history CSV here")
        ->type_name("F.csv");
    command.add_option("--trace", args.trace_path, "Write Chrome trace-event JSON here")
        ->type_name("F.json");
}

/// One line, whatever CLI11 said, with the help of the command the user was typing.
std::string one_line(const std::string& message) {
    std::string line;
    for (char c : message) line += (c == '\n') ? ' ' : c;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

std::string usage_hint(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        for (const char* command : {"run", "replay", "shrink", "check", "list-scenarios"}) {
            if (word == command) return fmt::format("see 'kafkasim {} --help'", command);
        }
    }
    return "see 'kafkasim --help'";
}

}  // namespace

int run_cli(int argc, const char* const* argv, const Context& context) {
    CLI::App app{"kafkasim: deterministic simulation and fault injection for Kafka", "kafkasim"};
    app.require_subcommand(1);

    RunArgs run_args;
    run_args.jobs = int(std::max(1u, std::thread::hardware_concurrency()));
    uint64_t run_seed = 0;
    CLI::App* run = app.add_subcommand("run", "Run a scenario over one seed or a sweep");
    add_scenario_flags(*run, run_args.scenario);
    CLI::Option* seed_option = run->add_option("--seed", run_seed, "Run this one seed");
    run->add_option("--seeds", run_args.seeds, "Seed count N (1..N) or range A..B")
        ->excludes(seed_option)
        ->type_name("N|A..B");
    run->add_option("--jobs,-j", run_args.jobs, "Seeds run in parallel")
        ->check(CLI::PositiveNumber);
    run->add_option("--junit", run_args.junit_path, "Write a JUnit XML report")
        ->type_name("F.xml");
    run->add_option("--json", run_args.json_path, "Write a JSON report")->type_name("F.json");
    run->add_option("--markdown", run_args.markdown_path, "Write a Markdown report")
        ->type_name("F.md");

    ReplayArgs replay_args;
    CLI::App* replay = app.add_subcommand("replay", "Rerun one seed; prints its trace hash");
    add_scenario_flags(*replay, replay_args.scenario);
    replay->add_option("--seed", replay_args.seed, "The seed to replay")->required();

    ShrinkArgs shrink_args;
    CLI::App* shrink = app.add_subcommand("shrink", "Minimise a failing seed's scenario");
    add_scenario_flags(*shrink, shrink_args.scenario);
    shrink->add_option("--seed", shrink_args.seed, "The failing seed")->required();
    shrink->add_option("--output,-o", shrink_args.output_path, "Also write the result here")
        ->type_name("F.toml");
    shrink->add_option("--max-runs", shrink_args.max_runs, "Give up shrinking after N runs")
        ->check(CLI::PositiveNumber);

    std::string history;
    std::string semantics = "at-least-once";
    CLI::App* check = app.add_subcommand("check", "Check a history CSV");
    check->add_option("HISTORY", history, "History CSV (design.md §6)")->required();
    check->add_option("--semantics", semantics, "Delivery guarantee the consumers promise")
        ->check(CLI::IsMember({"at-least-once", "at-most-once", "exactly-once"}));

    std::string directory = "scenarios";
    CLI::App* list = app.add_subcommand("list-scenarios", "List scenario files");
    list->add_option("--dir", directory, "Directory searched recursively");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        if (error.get_exit_code() == 0) {
            std::ostringstream out;
            std::ostringstream err;
            app.exit(error, out, err);
            fmt::print(context.out, "{}", out.str());
            return kExitExpected;
        }
        fmt::print(context.err, "kafkasim: {}; {}\n", one_line(error.what()),
                   usage_hint(argc, argv));
        return kExitBadInput;
    }
    try {
        if (*run) {
            if (seed_option->count() > 0) run_args.seed = run_seed;
            return run_command(run_args, context);
        }
        if (*replay) return replay_command(replay_args, context);
        if (*shrink) return shrink_command(shrink_args, context);
        if (*check) {
            auto checker = context.check ? context.check : check_history_file;
            return checker(history, semantics, context.out, context.err);
        }
        return list_scenarios_command(directory, context);
    } catch (const std::exception& error) {
        // Not bad input and not a verdict: the run itself broke. Say so plainly.
        fmt::print(context.err, "kafkasim: internal error: {}\n", error.what());
        return kExitUnexpected;
    }
}

}  // namespace harness::cli
