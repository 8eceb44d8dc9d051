// The CLI11 definition of `kafkasim`: subcommands, flags, and turning CLI11's errors
// into one line with a usage hint (exit 2).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <sstream>
#include <string_view>
#include <thread>

#include "harness/cli/check_command.h"
#include "harness/cli/commands.h"
#include "harness/run/sweep.h"
#include "serve/serve.h"

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

/// A seed is 0..2^64-1 written in digits: CLI11 alone would read "-1" as 2^64-1 and a
/// seed past 2^64-1 as something else, silently.
CLI::Validator seed_check() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            uint64_t value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (!text.empty() && error == std::errc() && end == text.data() + text.size()) {
                return "";
            }
            return fmt::format("expected a seed in 0..18446744073709551615, got \"{}\"", text);
        },
        "SEED");
}

/// A count that must be at least 1, said in words (CLI::PositiveNumber prints a
/// 309-digit range).
CLI::Validator at_least_one(std::string what) {
    return CLI::Validator(
        [what](std::string& text) -> std::string {
            int64_t value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            bool number = !text.empty() && error == std::errc() &&
                          end == text.data() + text.size();
            if (number && value >= 1) return "";
            return fmt::format("expected {} >= 1, got \"{}\"", what, text);
        },
        "N");
}

/// One line, whatever CLI11 said, with the help of the command the user was typing.
std::string one_line(const std::string& message) {
    std::string line;
    for (char c : message) line += (c == '\n') ? ' ' : c;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

constexpr std::array<std::string_view, 9> kCommands = {
    "run", "replay", "shrink", "check", "list-scenarios", "shell", "explain", "corpus", "serve"};

std::string usage_hint(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        for (std::string_view command : kCommands) {
            if (word == command) return fmt::format("see 'kafkasim {} --help'", command);
        }
    }
    return "see 'kafkasim --help'";
}

/// The first word when it is neither a flag nor a command: named, not "not expected".
std::optional<std::string> unknown_command(int argc, const char* const* argv) {
    if (argc < 2 || argv[1][0] == '-') return std::nullopt;
    std::string word = argv[1];
    for (std::string_view command : kCommands) {
        if (word == command) return std::nullopt;
    }
    return word;
}

/// Every flag of every command, parsed into one place.
struct Parsed {
    RunArgs run;
    uint64_t run_seed = 0;
    ReplayArgs replay;
    ShrinkArgs shrink;
    ExplainArgs explain;
    CorpusArgs corpus;
    std::string history;
    std::string semantics = "at-least-once";
    std::string directory = "scenarios";
    shell::ShellArgs shell;
    serve::ServeArgs serve;
};

/// Adds `run` and returns its --seed option (to tell "--seed 0" from no --seed).
CLI::Option* add_run(CLI::App& app, Parsed& parsed) {
    RunArgs& args = parsed.run;
    args.jobs = int(std::max(1u, std::thread::hardware_concurrency()));
    CLI::App* run = app.add_subcommand("run", "Run a scenario over one seed or a sweep");
    add_scenario_flags(*run, args.scenario);
    CLI::Option* seed =
        run->add_option("--seed", parsed.run_seed, "Run this one seed")->check(seed_check());
    run->add_option("--seeds", args.seeds, "Seed count N (1..N) or range A..B")
        ->excludes(seed)
        ->type_name("N|A..B");
    run->add_option("--jobs,-j", args.jobs, "Seeds run in parallel")
        ->check(at_least_one("a number of jobs"));
    run->add_option("--junit", args.junit_path, "Write a JUnit XML report")->type_name("F.xml");
    run->add_option("--json", args.json_path, "Write a JSON report")->type_name("F.json");
    run->add_option("--markdown", args.markdown_path, "Write a Markdown report")
        ->type_name("F.md");
    run->add_flag("--require-coverage", args.require_coverage,
                  "Fail when a probe the scenario's [coverage] requires never fired");
    return seed;
}

/// explain and corpus (issue 10).
void add_diagnosis_commands(CLI::App& app, Parsed& parsed) {
    CLI::App* explain =
        app.add_subcommand("explain", "Find when a failing seed went wrong (bisection)");
    add_scenario_flags(*explain, parsed.explain.scenario);
    explain->add_option("--seed", parsed.explain.seed, "The failing seed")
        ->required()
        ->check(seed_check());
    explain->add_option("--salts", parsed.explain.salts, "Re-draws tried at each time")
        ->check(at_least_one("a number of salts"));
    explain->add_option("--max-runs", parsed.explain.max_runs, "Stop bisecting after N runs")
        ->check(at_least_one("a number of runs"));
    explain->add_flag("--verbose,-v", parsed.explain.verbose, "Print each candidate time");

    CLI::App* corpus = app.add_subcommand("corpus", "Replay the failing-seed corpus");
    corpus->add_option("INDEX", parsed.corpus.index, "Corpus index (CSV)");
}

/// serve (issue 18): the cluster on loopback ports for real clients.
void add_serve(CLI::App& app, Parsed& parsed) {
    serve::ServeArgs& args = parsed.serve;
    CLI::App* serve =
        app.add_subcommand("serve", "Serve a simulated cluster to real Kafka clients");
    serve->add_option("SCENARIO", args.scenario, "Cluster, topics and configs from here");
    serve->add_option("--brokers", args.brokers, "Brokers without a scenario")
        ->check(CLI::Range(1, 100));
    serve->add_option("--controllers", args.controllers,
                      "Dedicated KRaft controllers (0: combined mode)")
        ->check(CLI::Range(0, 9));
    serve->add_option("--listen", args.listen,
                      "First broker's address; broker i listens on PORT+i (port 0: free ports)")
        ->type_name("HOST:PORT");
    serve->add_option("--seed", args.seed, "The world's seed")->check(seed_check());
    serve->add_option("--for", args.run_for, "Stop after this long (default: until a signal)")
        ->type_name("DURATION");
    serve->add_option("--trace", args.trace_path, "Write Chrome trace-event JSON here at the end")
        ->type_name("F.json");
}

void add_other_commands(CLI::App& app, Parsed& parsed) {
    CLI::App* replay = app.add_subcommand("replay", "Rerun one seed; prints its trace hash");
    add_scenario_flags(*replay, parsed.replay.scenario);
    replay->add_option("--seed", parsed.replay.seed, "The seed to replay")
        ->required()
        ->check(seed_check());
    replay->add_flag("--check-determinism", parsed.replay.check_determinism,
                     "Run the seed twice; name the first differing trace event");
    replay->add_option("--dot", parsed.replay.dot_path,
                       "Write which network links were up when the workload ended (Graphviz)")
        ->type_name("F.dot");

    CLI::App* shrink = app.add_subcommand("shrink", "Minimise a failing seed's scenario");
    add_scenario_flags(*shrink, parsed.shrink.scenario);
    shrink->add_option("--seed", parsed.shrink.seed, "The failing seed")
        ->required()
        ->check(seed_check());
    shrink->add_option("--output,-o", parsed.shrink.output_path, "Also write the result here")
        ->type_name("F.toml");
    shrink->add_option("--max-runs", parsed.shrink.max_runs, "Give up shrinking after N runs")
        ->check(at_least_one("a number of runs"));

    CLI::App* check = app.add_subcommand("check", "Check a history CSV");
    check->add_option("HISTORY", parsed.history, "History CSV (design.md §6)")->required();
    check->add_option("--semantics", parsed.semantics, "Delivery guarantee of the consumers")
        ->check(CLI::IsMember({"at-least-once", "at-most-once", "exactly-once"}));

    CLI::App* list = app.add_subcommand("list-scenarios", "List scenario files");
    list->add_option("--dir", parsed.directory, "Directory searched recursively");

    CLI::App* shell = app.add_subcommand("shell", "Kafka's command-line tools on a live cluster");
    shell->add_option("SCENARIO", parsed.shell.scenario, "Cluster, topics and configs from here");
    shell->add_option("--brokers", parsed.shell.brokers, "Brokers without a scenario")
        ->check(CLI::Range(1, 100));
    shell->add_option("--controllers", parsed.shell.controllers,
                      "Dedicated KRaft controllers (0: combined mode)")
        ->check(CLI::Range(0, 9));
    shell->add_option("--seed", parsed.shell.seed, "The world's seed")->check(seed_check());
    shell->add_option("--listen", parsed.shell.listen,
                      "Also serve the cluster to real Kafka clients from HOST:PORT")
        ->type_name("HOST:PORT");
    add_diagnosis_commands(app, parsed);
    add_serve(app, parsed);
}

/// What `parse_only` checks: everything run_cli validates before it opens a file.
int validate_only(const Parsed& parsed, const Context& context) {
    for (const ScenarioArgs* args :
         {&parsed.run.scenario, &parsed.replay.scenario, &parsed.shrink.scenario}) {
        for (const std::string& set : args->sets) {
            sim::Result<Override> override_ = parse_override(set);
            if (!override_) {
                fmt::print(context.err, "{}\n", override_.error().message());
                return kExitBadInput;
            }
        }
    }
    if (parsed.run.seeds.empty()) return kExitExpected;
    sim::Result<std::vector<uint64_t>> seeds = parse_seeds(parsed.run.seeds);
    if (!seeds) fmt::print(context.err, "{}\n", seeds.error().message());
    return seeds ? kExitExpected : kExitBadInput;
}

int dispatch(const CLI::App& app, Parsed& parsed, const CLI::Option& run_seed,
             const Context& context) {
    if (context.parse_only) return validate_only(parsed, context);
    if (app.got_subcommand("run")) {
        if (run_seed.count() > 0) parsed.run.seed = parsed.run_seed;
        return run_command(parsed.run, context);
    }
    if (app.got_subcommand("replay")) return replay_command(parsed.replay, context);
    if (app.got_subcommand("shrink")) return shrink_command(parsed.shrink, context);
    if (app.got_subcommand("shell")) return shell_command(parsed.shell, context);
    if (app.got_subcommand("serve")) {
        return serve::run_serve(parsed.serve, context.out, context.err);
    }
    if (app.got_subcommand("explain")) return explain_command(parsed.explain, context);
    if (app.got_subcommand("corpus")) return corpus_command(parsed.corpus, context);
    if (app.got_subcommand("check")) {
        auto checker = context.check ? context.check : check_history_file;
        return checker(parsed.history, parsed.semantics, context.out, context.err);
    }
    return list_scenarios_command(parsed.directory, context);
}

}  // namespace

int run_cli(int argc, const char* const* argv, const Context& context) {
    CLI::App app{"kafkasim: deterministic simulation and fault injection for Kafka", "kafkasim"};
    app.require_subcommand(1);
    Parsed parsed;
    CLI::Option* run_seed = add_run(app, parsed);
    add_other_commands(app, parsed);
    if (std::optional<std::string> word = unknown_command(argc, argv)) {
        fmt::print(context.err, "kafkasim: unknown command \"{}\" (expected one of {}); see "
                                "'kafkasim --help'\n", *word, fmt::join(kCommands, ", "));
        return kExitBadInput;
    }
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
        return dispatch(app, parsed, *run_seed, context);
    } catch (const std::exception& error) {
        // Not bad input and not a verdict: the run itself broke. Say so plainly.
        fmt::print(context.err, "kafkasim: internal error: {}\n", error.what());
        return kExitUnexpected;
    }
}

}  // namespace harness::cli
