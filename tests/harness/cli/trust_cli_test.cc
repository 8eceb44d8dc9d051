// The trust features of `kafkasim` (issue 10) through the CLI. Goal: the coverage table
// appears after every run's summary and `--require-coverage` fails on a missed required
// probe; `replay --check-determinism` passes a deterministic seed and, given a run that
// really diverges, names the first differing trace event. Method: a fake run for the
// coverage exit codes; the real simulator for the rest, with nondeterminism injected into
// the second run only through RunOptions::perturb, so the divergence comes from the
// simulated run itself and not from the comparison.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "capture.h"
#include "harness/cli/cli.h"
#include "harness/scenario/toml.h"
#include "sim/world.h"

namespace harness::cli {
namespace {

const std::string kClean = KAFKASIM_SOURCE_DIR "/scenarios/known/clean_election_only.toml";
const std::string kUnclean = KAFKASIM_SOURCE_DIR "/scenarios/known/unclean_election.toml";

/// The CLI's stdout then its stderr: the assertions look for text either may carry.
Captured run_merged(std::vector<std::string> args, Context context) {
    Captured captured = run_with(std::move(args), std::move(context));
    captured.out += captured.err;
    return captured;
}

/// A scenario file requiring two probes; the fake run fires only the first.
std::string requiring_scenario() {
    const auto path = std::filesystem::temp_directory_path() / "kafkasim_require_coverage.toml";
    std::ofstream(path) << "name = \"needs-coverage\"\nexpect = \"pass\"\n[[topics]]\n"
                           "name = \"t\"\n[coverage]\nrequire = [\"isr-shrink-to-min-insync\","
                           " \"unclean-leader-election\"]\n";
    return path.string();
}

Context fires_only_isr_shrink() {
    Context context;
    context.run = [](const Scenario&, uint64_t seed, const RunOptions&) {
        RunResult result;
        result.seed = seed;
        result.probes["isr-shrink-to-min-insync"] = seed;
        return result;
    };
    return context;
}

TEST(CliCoverage, RequireCoverageFailsAndNamesTheNeverFiredProbe) {
    Captured run = run_merged({"run", requiring_scenario(), "--seeds", "3", "--require-coverage"},
                              fires_only_isr_shrink());
    EXPECT_EQ(run.exit_code, kExitUnexpected) << run.out;
    EXPECT_NE(run.out.find("required probe never fired: unclean-leader-election"),
              std::string::npos)
        << run.out;
    EXPECT_EQ(run.out.find("never fired: isr-shrink-to-min-insync"), std::string::npos);
}

TEST(CliCoverage, WithoutTheFlagAMissedRequiredProbeIsOnlyReported) {
    Captured run = run_merged({"run", requiring_scenario(), "--seeds", "3"},
                              fires_only_isr_shrink());
    EXPECT_EQ(run.exit_code, kExitExpected) << run.out;
    EXPECT_NE(run.out.find("unclean-leader-election (a failure with --require-coverage)"),
              std::string::npos)
        << run.out;
}

/// Where `probe` sits in the printed coverage: in the table, or in the never-fired list.
bool fired_in(const std::string& out, const std::string& probe) {
    const size_t never = out.find("never fired");
    const size_t at = out.find(probe, out.find("coverage ("));
    EXPECT_NE(never, std::string::npos) << out;
    EXPECT_NE(at, std::string::npos) << out;
    return at < never;
}

TEST(CliCoverage, ASweepReportsAProbeThatCannotFireAsNeverFired) {
    // unclean.leader.election.enable=false: the controller never elects outside the ISR.
    Captured clean = run_merged({"run", kClean, "--seeds", "2", "--jobs", "2"}, Context{});
    EXPECT_EQ(clean.exit_code, kExitExpected) << clean.out;
    EXPECT_NE(clean.out.find("coverage (2 seeds)"), std::string::npos) << clean.out;
    EXPECT_FALSE(fired_in(clean.out, "unclean-leader-election")) << clean.out;
    EXPECT_TRUE(fired_in(clean.out, "isr-shrink-follower-lagged")) << clean.out;
    // The same faults with unclean election enabled do reach it.
    Captured unclean = run_merged({"run", kUnclean, "--seeds", "2", "--jobs", "2"}, Context{});
    EXPECT_TRUE(fired_in(unclean.out, "unclean-leader-election")) << unclean.out;
}

TEST(CliDeterminism, ADeterministicSeedPrintsItsHashAndExitsZero) {
    Captured replay = run_merged({"replay", kClean, "--seed", "3"}, Context{});
    const size_t hash_at = replay.out.find("trace hash 0x");
    ASSERT_NE(hash_at, std::string::npos) << replay.out;
    const std::string hash = replay.out.substr(hash_at + 11, 18);
    Captured check =
        run_merged({"replay", kClean, "--seed", "3", "--check-determinism"}, Context{});
    EXPECT_EQ(check.exit_code, kExitExpected) << check.out;
    EXPECT_NE(check.out.find("deterministic"), std::string::npos) << check.out;
    EXPECT_NE(check.out.find(hash), std::string::npos) << check.out;
}

TEST(CliDeterminism, OutputFilesAreRefusedRatherThanSilentlyNotWritten) {
    int runs = 0;
    Context context;
    context.run = [&runs](const Scenario& s, uint64_t seed, RunOptions options) {
        ++runs;
        return harness::run(s, seed, options);
    };
    for (const std::string flag : {"--history", "--trace", "--dot"}) {
        Captured c = run_merged({"replay", kClean, "--seed", "3", "--check-determinism", flag,
                                 "/tmp/kafkasim_never_written"}, context);
        EXPECT_EQ(c.exit_code, kExitBadInput);
        EXPECT_EQ(c.out, flag + " /tmp/kafkasim_never_written: expected no output file with "
                                "--check-determinism (replay without it writes them)\n");
    }
    EXPECT_EQ(runs, 0);
}

/// Calls `on_event` at a virtual time: how a perturbation reaches into a running World.
struct At final : sim::EventHandler {
    std::function<void()> action;
    void on_event(uint64_t, uint64_t) override { action(); }
};

/// A Context whose second run gets `perturb`; the first run is untouched.
Context second_run_perturbed(std::function<void(sim::World&)> perturb, int* calls) {
    Context context;
    context.run = [perturb, calls](const Scenario& s, uint64_t seed, RunOptions options) {
        if (++*calls == 2) options.perturb = perturb;
        return harness::run(s, seed, options);
    };
    return context;
}

TEST(CliDeterminism, AnInjectedEventIsNamedAsTheFirstDivergence) {
    // The second run gets one extra note on broker 1 at an odd virtual time T.
    At at;
    sim::Time when = 0;
    int calls = 0;
    Context context = second_run_perturbed(
        [&](sim::World& world) {
            when = world.now() + 2 * sim::kSecond + 12345;
            at.action = [&world] { world.find_node(1)->note("injected nondeterminism"); };
            world.loop().schedule_at(when, &at);
        },
        &calls);
    Captured check =
        run_merged({"replay", kClean, "--seed", "1", "--check-determinism"}, context);
    EXPECT_EQ(check.exit_code, kExitUnexpected) << check.out;
    // The first run's events before T are shared; the injected note comes next.
    RunOptions keep;
    keep.keep_trace_events = true;
    auto scenario = load_scenario_file(kClean);
    ASSERT_TRUE(scenario.ok());
    RunResult reference = harness::run(scenario.value(), 1, keep);
    const auto before = std::count_if(reference.trace_events.begin(),
                                      reference.trace_events.end(),
                                      [&](const sim::TraceEvent& e) { return e.time < when; });
    EXPECT_NE(check.out.find(fmt::format("first differing event: #{} at t={}.{:09}s on broker-1",
                                         before, when / sim::kSecond, when % sim::kSecond)),
              std::string::npos)
        << check.out;
    EXPECT_NE(check.out.find("run 2: t="), std::string::npos) << check.out;
    EXPECT_NE(check.out.find("\"injected nondeterminism\""), std::string::npos) << check.out;
    EXPECT_NE(check.out.find("--check-determinism"), std::string::npos) << check.out;
}

}  // namespace
}  // namespace harness::cli
