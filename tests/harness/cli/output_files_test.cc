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

TEST(OutputFiles, AFailedRenameRemovesTheTemporaryFile) {
    fs::path dir = empty_directory("rename_fails");
    // A directory where the report should go: the temporary file is written beside it,
    // then the rename over a directory fails.
    fs::create_directories(dir / "j.xml");
    Captured c = run_with({"run", kScenario, "--seed", "3", "--junit", (dir / "j.xml").string()},
                          fake_context());
    EXPECT_EQ(c.exit_code, 2);
    EXPECT_EQ(c.err.rfind((dir / "j.xml").string() + ": expected to write the file (", 0), 0u)
        << c.err;
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"j.xml"}));
    EXPECT_TRUE(fs::is_directory(dir / "j.xml"));
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
