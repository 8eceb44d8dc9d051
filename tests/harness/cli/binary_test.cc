// The built `kafkasim` binary: bad flags and bad files exit 2 with one line, help exits
// 0, list-scenarios reads the library, check reads history CSVs. (Runs that need the
// simulator are tested in-process with a fake in cli_test.cc; one replay feeds check.)
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace {

struct Output {
    int exit_code = -1;
    std::string text;  // stdout and stderr together
};

Output kafkasim(const std::string& args) {
    std::string command = std::string("cd " KAFKASIM_SOURCE_DIR " && " KAFKASIM_BINARY " ") +
                          args + " 2>&1";
    std::FILE* pipe = ::popen(command.c_str(), "r");
    Output output;
    char buffer[4096];
    size_t length = 0;
    while ((length = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
        output.text.append(buffer, length);
    }
    int status = ::pclose(pipe);
    output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

TEST(KafkasimBinary, NoCommandIsBadInput) {
    Output output = kafkasim("");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, "kafkasim: A subcommand is required; see 'kafkasim --help'\n");
}

TEST(KafkasimBinary, UnknownFlagIsOneLineWithAUsageHint) {
    Output output = kafkasim("run scenarios/trucks_gps.toml --bogus");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, "kafkasim: The following argument was not expected: --bogus; "
                           "see 'kafkasim run --help'\n");
}

TEST(KafkasimBinary, SeedAndSeedsTogetherAreBadInput) {
    Output output = kafkasim("run scenarios/trucks_gps.toml --seed 1 --seeds 4");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, "kafkasim: --seed excludes --seeds; see 'kafkasim run --help'\n");
}

TEST(KafkasimBinary, BadTomlIsBadInputWithItsPosition) {
    std::string path = ::testing::TempDir() + "kafkasim_bad.toml";
    std::ofstream(path) << "name = \"n\"\nexpect = \"pass\"\nduration = 30\n";
    Output output = kafkasim("replay " + path + " --seed 1");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, path + ":3:12: expected a duration string such as \"5s\" for "
                                  "\"duration\", got an integer\n");
}

TEST(KafkasimBinary, MissingScenarioFileIsBadInput) {
    Output output = kafkasim("shrink no/such.toml --seed 1");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, "no/such.toml: expected a readable scenario file\n");
}

TEST(KafkasimBinary, HelpExitsZero) {
    Output output = kafkasim("run --help");
    EXPECT_EQ(output.exit_code, 0);
    EXPECT_NE(output.text.find("Usage: kafkasim run [OPTIONS] SCENARIO"), std::string::npos)
        << output.text;
}

TEST(KafkasimBinary, ListScenariosReadsTheLibrary) {
    Output output = kafkasim("list-scenarios");
    EXPECT_EQ(output.exit_code, 0) << output.text;
    EXPECT_NE(output.text.find("leader-crash-acks-1"), std::string::npos) << output.text;
}

TEST(KafkasimBinary, ShellReadsPipedCommandsAndExitsZeroAtTheEnd) {
    Output output = kafkasim("shell --seed 3 < /dev/null");
    EXPECT_EQ(output.exit_code, 0) << output.text;
    EXPECT_EQ(output.text,
              "kafkasim shell: 1 broker [1]; KRaft quorum: 1 voter, combined with broker 1 "
              "(no controller failover); seed 3; type 'help'\n");
}

/// Runs `kafkasim ARGS` with `input` on its standard input.
Output kafkasim_with_input(const std::string& args, const std::string& input) {
    // One file per test: ctest runs the tests of this binary in parallel processes.
    const std::string path = ::testing::TempDir() + "kafkasim_shell_input_" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                             ".txt";
    std::ofstream(path) << input;
    return kafkasim(args + " < " + path);
}

TEST(KafkasimBinary, ShellKeepsGoingAfterABadCommand) {
    Output output = kafkasim_with_input("shell --brokers 2", "nope\nkafka-topics --list\n");
    EXPECT_EQ(output.exit_code, 0) << output.text;
    EXPECT_NE(output.text.find("kafkasim: unknown command 'nope' (try 'help')\n"
                               "kafkasim> kafka-topics --list\n"),
              std::string::npos)
        << output.text;
}

TEST(KafkasimBinary, ShellTakesTheClusterAndTopicsFromAScenario) {
    Output output = kafkasim_with_input(
        "shell scenarios/walkthrough/group_rebalance_after_crash.toml",
        "kafka-topics --list\nbrokers\n");
    EXPECT_EQ(output.exit_code, 0) << output.text;
    EXPECT_NE(output.text.find("kafkasim> kafka-topics --list\norders\n"), std::string::npos)
        << output.text;
    EXPECT_NE(output.text.find("broker 3"), std::string::npos) << output.text;
}

TEST(KafkasimBinary, ShellWithAMissingScenarioIsBadInput) {
    Output output = kafkasim("shell no/such/scenario.toml < /dev/null");
    EXPECT_EQ(output.exit_code, 2) << output.text;
}

TEST(KafkasimBinary, DeviceAsScenarioIsBadInputNotAHang) {
    Output output = kafkasim("replay /dev/zero --seed 1");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, "/dev/zero: expected a readable scenario file\n");
}

TEST(KafkasimBinary, SweepAboveTheSeedLimitIsBadInputBeforeAnyWork) {
    Output output = kafkasim("run scenarios/trucks_gps.toml --seeds 1..18446744073709551615");
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, "--seeds 1..18446744073709551615: expected at most 1000000 seeds\n");
}

// `kafkasim check` (design.md §7): the checkers over a history CSV; exit 0 when nothing
// fails, 1 when something does, 2 on bad input.
TEST(KafkasimBinary, CheckNamesTheAnomalyOfAHistoryAndExitsOne) {
    Output output = kafkasim("check tests/check/data/g1a.csv");
    EXPECT_EQ(output.exit_code, 1) << output.text;
    EXPECT_EQ(output.text,
              "G1a t-0: poll by c1 read \"a\" whose send failed (NOT_LEADER_OR_FOLLOWER) "
              "[ops 1, 3; offsets 0; values \"a\", \"a\"; times_ns 110, 310]\n"
              "empty-history: nothing to check in 4 rows: no send was acknowledged []\n"
              "verdict: FAIL (G1a 1, empty-history 1)\n");
}

TEST(KafkasimBinary, CheckPassesACleanHistory) {
    Output output = kafkasim("check tests/check/data/clean.csv");
    EXPECT_EQ(output.exit_code, 0) << output.text;
    EXPECT_NE(output.text.find("verdict: PASS (no anomalies)\n"), std::string::npos)
        << output.text;
}

TEST(KafkasimBinary, CheckSemanticsDecideTheDeliveryVerdict) {
    // A record the consumer never processed: lost under at-least-once, allowed at-most-once.
    Output least = kafkasim("check tests/check/data/delivery.csv --semantics at-least-once");
    EXPECT_EQ(least.exit_code, 1) << least.text;
    EXPECT_NE(least.text.find("verdict: FAIL (delivery 1)"), std::string::npos) << least.text;
    Output most = kafkasim("check tests/check/data/delivery.csv --semantics at-most-once");
    EXPECT_EQ(most.exit_code, 0) << most.text;
}

TEST(KafkasimBinary, CheckOfAMalformedHistoryNamesTheLine) {
    std::string path = ::testing::TempDir() + "kafkasim_bad_history.csv";
    std::ofstream(path) << "index,time_ns,process,type,f,topic,partition,key,value,offset,error\n"
                           "0,0,p,okk,send,t,0,,v,,\n";
    Output output = kafkasim("check " + path);
    EXPECT_EQ(output.exit_code, 2);
    EXPECT_EQ(output.text, path + ":2: expected type invoke, ok, fail or info, got \"okk\"\n");
}

TEST(KafkasimBinary, CheckOfAMissingOrSpecialFileIsBadInputNotAHang) {
    for (const char* path : {"no/such/history.csv", "/dev/zero"}) {
        Output output = kafkasim(std::string("check ") + path);
        EXPECT_EQ(output.exit_code, 2) << path;
        EXPECT_EQ(output.text,
                  std::string(path) + ": expected a readable history file, cannot open it\n");
    }
}

TEST(KafkasimBinary, CheckOfARunsHistoryReachesTheRunsVerdict) {
    // The README's flow: replay writes the history, check reads it back.
    std::string path = ::testing::TempDir() + "kafkasim_acks1_seed10.csv";
    Output replay = kafkasim("replay scenarios/known/acks1_leader_crash.toml --seed 10 --history " +
                             path);
    ASSERT_EQ(replay.exit_code, 0) << replay.text;
    const std::string verdict_line = "verdict: FAIL (inconsistent-offsets 3, lost-write 3, "
                                     "nonmonotonic-send 1, unseen 1)\n";
    ASSERT_NE(replay.text.find(verdict_line), std::string::npos) << replay.text;
    Output check = kafkasim("check " + path);
    EXPECT_EQ(check.exit_code, 1) << check.text;
    EXPECT_NE(check.text.find(verdict_line), std::string::npos) << check.text;
}

TEST(KafkasimBinary, ReplayDotWritesTheTopologyAsGraphviz) {
    std::string path = ::testing::TempDir() + "kafkasim_acks1_seed10.dot";
    std::remove(path.c_str());
    Output replay = kafkasim("replay scenarios/known/acks1_leader_crash.toml --seed 10 --dot " +
                             path);
    ASSERT_EQ(replay.exit_code, 0) << replay.text;
    std::ifstream file(path);
    std::string dot((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(dot.rfind("digraph", 0), 0u) << dot;
    EXPECT_NE(dot.find("label=\"broker-1\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("->"), std::string::npos) << dot;
}

}  // namespace
