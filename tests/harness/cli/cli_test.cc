// The CLI in-process with a fake simulation: exit codes 0/1/2 as design.md §7 says,
// replay lines that carry the --set flags, files written on request, shrink output that
// loads back as a scenario.
#include "harness/cli/cli.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "../fake_run.h"
#include "capture.h"
#include "harness/scenario/toml.h"

namespace harness::cli {
namespace {

const std::string kScenario = KAFKASIM_SOURCE_DIR "/scenarios/trucks_gps.toml";

Context every_third_loses_writes() {
    Context context;
    context.run = [](const Scenario& s, uint64_t seed, const RunOptions&) {
        return harness::testing::fake_result(s, seed, 3, "lost-write");
    };
    return context;
}

Captured run_cli_with_fake(std::vector<std::string> args) {
    return run_with(std::move(args), every_third_loses_writes());
}

TEST(Cli, ExpectedViolationFoundExitsZeroAndPrintsEachReplayLine) {
    Captured c = run_cli_with_fake({"run", kScenario, "--seeds", "1..6", "--jobs", "2",
                                    "--set", "producers.trucks.config.acks=all"});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    std::string line = "kafkasim replay " + kScenario + " --seed 3 --set " +
                       "producers.trucks.config.acks=all\n";
    EXPECT_NE(c.out.find(line), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("--seed 6 --set"), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("expected               violation:lost-write (held)"),
              std::string::npos) << c.out;
}

TEST(Cli, RunListsAHandfulOfReplayLinesAndCountsTheRest) {
    Captured c = run_cli_with_fake({"run", kScenario, "--seeds", "50"});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    size_t lines = 0;
    for (size_t at = c.out.find("kafkasim replay "); at != std::string::npos;
         at = c.out.find("kafkasim replay ", at + 1)) {
        ++lines;
    }
    EXPECT_EQ(lines, 5u) << c.out;
    EXPECT_NE(c.out.find("... and 11 more failing seeds\n"), std::string::npos) << c.out;
}

TEST(Cli, UnexpectedVerdictExitsOne) {
    Captured c = run_cli_with_fake({"run", kScenario, "--seeds", "3", "--set", "expect=pass"});
    EXPECT_EQ(c.exit_code, 1) << c.err;
    EXPECT_NE(c.out.find("--seed 3 --set expect=pass"), std::string::npos) << c.out;
}

TEST(Cli, WithoutSeedFlagsTheScenarioSeedCountIsSwept) {
    Captured c = run_cli_with_fake({"run", kScenario});
    EXPECT_EQ(c.exit_code, 0);
    EXPECT_NE(c.out.find("leader-crash-acks-1: 200 seeds (1..200)"), std::string::npos) << c.out;
}

TEST(Cli, ReplayPrintsTheSameTraceHashEveryTime) {
    Captured first = run_cli_with_fake({"replay", kScenario, "--seed", "3"});
    Captured second = run_cli_with_fake({"replay", kScenario, "--seed", "3"});
    EXPECT_EQ(first.exit_code, 0);
    EXPECT_EQ(first.out, second.out);
    EXPECT_EQ(first.out.rfind("seed 3: trace hash 0x", 0), 0u) << first.out;
    EXPECT_NE(first.out.find("kafkasim replay " + kScenario + " --seed 3\n"), std::string::npos);
}

TEST(Cli, RequestedFilesAreWrittenForTheFirstFailingSeed) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "kafkasim_cli_files";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Captured c = run_cli_with_fake({"run", kScenario, "--seeds", "1..4",
                                    "--junit", (dir / "j.xml").string(),
                                    "--history", (dir / "h.csv").string(),
                                    "--trace", (dir / "t.json").string()});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "j.xml"));
    EXPECT_TRUE(std::filesystem::exists(dir / "t.json"));
    std::stringstream history;
    history << std::ifstream(dir / "h.csv").rdbuf();
    EXPECT_EQ(history.str().rfind("index,time_ns,process", 0), 0u);
    EXPECT_NE(c.out.find("seed 3: wrote " + (dir / "h.csv").string()), std::string::npos)
        << c.out;
}

TEST(Cli, UnwritableReportPathIsBadInput) {
    Captured c = run_cli_with_fake({"run", kScenario, "--seed", "1", "--junit",
                                    "/nonexistent-dir/j.xml"});
    EXPECT_EQ(c.exit_code, 2);
}

TEST(Cli, ShrinkPrintsAMinimalScenarioThatLoads) {
    Context context;
    context.run = [](const Scenario& s, uint64_t seed, const RunOptions&) {
        RunResult result;
        result.seed = seed;
        for (const FaultSpec& fault : s.faults) result.failing |= fault.kind == "crash";
        if (result.failing) result.anomalies = {"lost-write"};
        return result;
    };
    Captured c = run_with({"shrink", kScenario, "--seed", "9"}, context);
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(c.out.rfind("# kafkasim shrink ", 0), 0u) << c.out;
    sim::Result<Scenario> minimal = load_scenario_string(c.out, kScenario);
    ASSERT_TRUE(minimal.ok()) << minimal.error().message() << "\n" << c.out;
    EXPECT_EQ(minimal.value().faults.size(), 1u);
    EXPECT_FALSE(minimal.value().nemesis.has_value());
}

TEST(Cli, ShrinkPrintsDurationsAsAPersonWritesThem) {
    Context context;
    context.run = [](const Scenario& s, uint64_t seed, const RunOptions&) {
        RunResult result;
        result.seed = seed;
        result.failing = s.duration > 5029296875;  // fails from an odd nanosecond on
        if (result.failing) result.anomalies = {"lost-write"};
        return result;
    };
    Captured c = run_with({"shrink", kScenario, "--seed", "9"}, context);
    ASSERT_EQ(c.exit_code, 0) << c.err;
    std::string header = c.out.substr(0, c.out.find('\n'));
    EXPECT_NE(header.find(" -> 5.04s,"), std::string::npos) << header;
    EXPECT_FALSE(std::regex_search(header, std::regex("[0-9]ns"))) << header;
    EXPECT_NE(c.out.find("\nduration = \"5.04s\"\n"), std::string::npos) << c.out;
}

TEST(Cli, ShrinkOfAPassingSeedExitsOne) {
    Captured c = run_cli_with_fake({"shrink", kScenario, "--seed", "2"});
    EXPECT_EQ(c.exit_code, 1);
    EXPECT_EQ(c.err, "kafkasim shrink: expected seed 2 to fail, but it passes: nothing to "
                     "shrink\n");
}

TEST(Cli, BadOverrideIsBadInputWithOneMessage) {
    Captured c = run_cli_with_fake({"run", kScenario, "--set", "topics.nope.partitions=3"});
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(c.err, "--set topics.nope.partitions=3: expected a name of [[topics]] after "
                     "\"topics\" (trucks_gps), got \"nope\"\n");
}

TEST(Cli, BadSeedRangeIsBadInput) {
    Captured c = run_cli_with_fake({"run", kScenario, "--seeds", "9..2"});
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(c.err, "--seeds 9..2: expected a seed count N (seeds 1..N) or a range A..B with "
                     "A <= B\n");
}

TEST(Cli, ASeedOutsideZeroToTwoToTheSixtyFourIsRefusedNotWrapped) {
    for (const char* command : {"run", "replay", "shrink", "explain"}) {
        for (const std::string seed : {"-1", "18446744073709551616", "1e3"}) {
            Captured c = run_cli_with_fake({command, kScenario, "--seed", seed});
            EXPECT_EQ(c.exit_code, 2) << command << " " << seed;
            EXPECT_NE(c.err.find("expected a seed in 0..18446744073709551615, got \"" + seed +
                                 "\""), std::string::npos) << c.err;
        }
    }
    EXPECT_EQ(run_cli_with_fake({"replay", kScenario, "--seed", "18446744073709551615"})
                  .exit_code, 0);
}

TEST(Cli, CountFlagsBelowOneSayWhatWasExpected) {
    Captured jobs = run_cli_with_fake({"run", kScenario, "--jobs", "0"});
    EXPECT_EQ(jobs.exit_code, 2);
    EXPECT_NE(jobs.err.find("expected a number of jobs >= 1, got \"0\""), std::string::npos)
        << jobs.err;
    EXPECT_LT(jobs.err.size(), 160u) << jobs.err;  // no 309-digit range
    Captured runs = run_cli_with_fake({"shrink", kScenario, "--seed", "3", "--max-runs", "0"});
    EXPECT_NE(runs.err.find("expected a number of runs >= 1, got \"0\""), std::string::npos)
        << runs.err;
}

TEST(Cli, AnUnknownCommandIsNamed) {
    Captured c = run_cli_with_fake({"frobnicate", kScenario});
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(c.err, "kafkasim: unknown command \"frobnicate\" (expected one of run, replay, "
                     "shrink, check, list-scenarios, shell, explain, corpus, serve); see 'kafkasim "
                     "--help'\n");
}

TEST(Cli, CheckHandsTheHistoryAndSemanticsToTheChecker) {
    Context context;
    std::string seen;
    context.check = [&](const std::string& path, const std::string& semantics, std::FILE*,
                        std::FILE*) {
        seen = path + " " + semantics;
        return 1;
    };
    Captured c = run_with({"check", "h.csv", "--semantics", "at-most-once"}, context);
    EXPECT_EQ(c.exit_code, 1);
    EXPECT_EQ(seen, "h.csv at-most-once");
    Captured bad = run_with({"check", "h.csv", "--semantics", "twice"}, context);
    EXPECT_EQ(bad.exit_code, 2);
}

TEST(Cli, ListScenariosPrintsNameExpectAndDescription) {
    Captured c = run_cli_with_fake({"list-scenarios", "--dir", KAFKASIM_SOURCE_DIR "/scenarios"});
    EXPECT_EQ(c.exit_code, 0) << c.err;
    size_t row = c.out.find("\nleader-crash-acks-1 ");
    ASSERT_NE(row, std::string::npos) << c.out;
    std::string line = c.out.substr(row + 1, c.out.find('\n', row + 1) - row - 1);
    EXPECT_NE(line.find(" violation:lost-write "), std::string::npos) << line;
    EXPECT_NE(line.find(" acks=1 loses acknowledged writes"), std::string::npos) << line;
}

}  // namespace
}  // namespace harness::cli
