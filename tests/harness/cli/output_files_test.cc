// Every file the CLI writes (--history, --trace, --junit, --json, --markdown, shrink -o)
// appears whole or not at all: bad input and broken runs leave no output file and no
// temporary file behind, and a write that fails removes its temporary file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "../fake_run.h"
#include "capture.h"

namespace harness::cli {
namespace {

namespace fs = std::filesystem;

const std::string kScenario = KAFKASIM_SOURCE_DIR "/scenarios/trucks_gps.toml";

/// A fresh, empty directory for one test's output files.
fs::path empty_directory(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("kafkasim_output_files_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read_file(const fs::path& path) {
    std::ifstream file(path);
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

/// `run` flags asking for every output file, into `dir`.
std::vector<std::string> every_output(const fs::path& dir) {
    return {"--history", (dir / "h.csv").string(), "--trace",    (dir / "t.json").string(),
            "--junit",   (dir / "j.xml").string(), "--json",     (dir / "r.json").string(),
            "--markdown", (dir / "r.md").string()};
}

Captured run_into(const fs::path& dir, std::vector<std::string> args, Context context) {
    std::vector<std::string> outputs = every_output(dir);
    args.insert(args.end(), outputs.begin(), outputs.end());
    return run_with(args, context);
}

Context fake_context() {
    Context context;
    context.run = [](const Scenario& s, uint64_t seed, const RunOptions&) {
        return harness::testing::fake_result(s, seed, 3, "lost-write");
    };
    return context;
}

TEST(OutputFiles, ASuccessfulRunWritesEachFileAndNoTemporaryFile) {
    fs::path dir = empty_directory("success");
    Captured c = run_into(dir, {"run", kScenario, "--seeds", "1..4"}, fake_context());
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"h.csv", "t.json", "j.xml", "r.json",
                                                     "r.md"}));
}

TEST(OutputFiles, BadScenarioLeavesNoFile) {
    fs::path dir = empty_directory("bad_scenario");
    std::ofstream(dir / "bad.toml") << "name = \"n\"\nexpect = \"pass\"\nduration = 30\n";
    Captured c = run_into(dir, {"run", (dir / "bad.toml").string(), "--seed", "1"},
                          fake_context());
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"bad.toml"}));
}

TEST(OutputFiles, BadSeedRangeAndBadOverrideLeaveNoFile) {
    fs::path dir = empty_directory("bad_flags");
    EXPECT_EQ(run_into(dir, {"run", kScenario, "--seeds", "4..1"}, fake_context()).exit_code, 2);
    EXPECT_EQ(run_into(dir, {"run", kScenario, "--set", "nope"}, fake_context()).exit_code, 2);
    EXPECT_EQ(run_into(dir, {"run", kScenario, "--bogus"}, fake_context()).exit_code, 2);
    EXPECT_EQ(names_in(dir), std::set<std::string>{});
}

TEST(OutputFiles, ARunThatBreaksLeavesNoFile) {
    fs::path dir = empty_directory("run_breaks");
    Context context;
    context.run = [](const Scenario&, uint64_t, const RunOptions&) -> RunResult {
        throw std::runtime_error("simulated failure");
    };
    Captured c = run_into(dir, {"run", kScenario, "--seeds", "1..3"}, context);
    EXPECT_EQ(c.exit_code, 1);
    EXPECT_EQ(c.err, "kafkasim: internal error: simulated failure\n");
    EXPECT_EQ(names_in(dir), std::set<std::string>{});
}

/// A context whose run() counts its calls: outputs are refused before anything runs.
Context counting_context(int& runs) {
    Context context;
    context.run = [&runs](const Scenario& s, uint64_t seed, const RunOptions&) {
        ++runs;
        return harness::testing::fake_result(s, seed, 3, "lost-write");
    };
    return context;
}

TEST(OutputFiles, ADirectoryAsAnOutputIsRefusedBeforeTheRun) {
    fs::path dir = empty_directory("output_is_directory");
    fs::create_directories(dir / "j.xml");
    int runs = 0;
    Captured c = run_with({"run", kScenario, "--seed", "3", "--history",
                           (dir / "h.csv").string(), "--junit", (dir / "j.xml").string()},
                          counting_context(runs));
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(c.err, "--junit " + (dir / "j.xml").string() +
                         ": expected a file, got a directory\n");
    EXPECT_EQ(runs, 0);
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"j.xml"}));
}

TEST(OutputFiles, AnOutputOverTheScenarioOrItsDataIsRefusedBeforeTheRun) {
    fs::path dir = empty_directory("output_is_input");
    std::ofstream(dir / "s.toml")
        << "name = \"n\"\nexpect = \"pass\"\nduration = \"5s\"\n"
           "[[topics]]\nname = \"t\"\npartitions = 1\nreplication_factor = 1\n"
           "[[producers]]\nname = \"p\"\ntopic = \"t\"\ndata = \"d.csv\"\n";
    std::ofstream(dir / "d.csv") << "key,value\nk,v\n";
    std::string scenario = (dir / "s.toml").string();
    int runs = 0;
    for (const char* flag : {"--history", "--trace"}) {
        for (const std::string& input : {scenario, (dir / "d.csv").string()}) {
            Captured c = run_with({"replay", scenario, "--seed", "1", flag, input},
                                  counting_context(runs));
            EXPECT_EQ(c.exit_code, 2);
            EXPECT_EQ(c.err, std::string(flag) + " " + input +
                                 ": expected a path apart from the input " + input +
                                 " (writing would replace it)\n");
        }
    }
    EXPECT_EQ(runs, 0);
    EXPECT_EQ(read_file(dir / "d.csv"), "key,value\nk,v\n");
}

TEST(OutputFiles, TwoOutputsOnOneFileAreRefusedBeforeTheRun) {
    fs::path dir = empty_directory("two_on_one");
    int runs = 0;
    std::string path = (dir / "out").string();
    Captured c = run_with({"run", kScenario, "--seeds", "1..3", "--history", path, "--json",
                           path}, counting_context(runs));
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(c.err, "--json " + path + ": expected a path apart from --history's (both write " +
                         path + ")\n");
    EXPECT_EQ(runs, 0);
    EXPECT_EQ(names_in(dir), std::set<std::string>{});
}

TEST(OutputFiles, DevNullTakesEveryOutputAndStaysADevice) {
    Captured c = run_with({"run", kScenario, "--seeds", "1..3", "--history", "/dev/null",
                           "--trace", "/dev/null", "--junit", "/dev/null"}, fake_context());
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST(OutputFiles, ShrinkOutputIntoAMissingDirectoryLeavesNoFile) {
    fs::path dir = empty_directory("shrink_missing_directory");
    Captured c = run_with({"shrink", kScenario, "--seed", "3", "-o",
                           (dir / "absent" / "min.toml").string()},
                          fake_context());
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(names_in(dir), std::set<std::string>{});
}

}  // namespace
}  // namespace harness::cli
