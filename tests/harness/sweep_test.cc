// Sweeps with a fake run(): results come back in seed order whatever the threads do,
// the summary counts what the seeds showed, and the expected verdict is decided as
// design.md §5 says (pass: no seed fails; violation:X: at least one seed shows X).
#include "harness/run/sweep.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

#include "fake_run.h"

namespace harness {
namespace {

RunFunction every_third_loses_writes() {
    return [](const Scenario& s, uint64_t seed) {
        return testing::fake_result(s, seed, 3, "lost-write");
    };
}

SweepOptions on(int jobs, std::FILE* progress = nullptr) {
    SweepOptions options;
    options.jobs = jobs;
    options.progress = progress;
    return options;
}

std::vector<uint64_t> seeds(uint64_t first, uint64_t last) {
    std::vector<uint64_t> out;
    for (uint64_t seed = first; seed <= last; ++seed) out.push_back(seed);
    return out;
}

TEST(Sweep, ResultsComeBackInSeedOrderOnManyThreads) {
    Scenario scenario;
    std::vector<RunResult> one = sweep(scenario, seeds(1, 50), on(1), every_third_loses_writes());
    std::vector<RunResult> eight =
        sweep(scenario, seeds(1, 50), on(8), every_third_loses_writes());
    ASSERT_EQ(eight.size(), 50u);
    for (size_t i = 0; i < eight.size(); ++i) {
        EXPECT_EQ(eight[i].seed, i + 1);
        EXPECT_EQ(eight[i].trace_hash, one[i].trace_hash);
    }
}

TEST(Sweep, SummaryCountsFailingSeedsAndAnomalies) {
    Scenario scenario;
    std::vector<RunResult> results =
        sweep(scenario, seeds(1, 30), on(4), every_third_loses_writes());
    SweepSummary summary = summarize(Expectation{}, results);
    EXPECT_EQ(summary.seeds_run, 30u);
    EXPECT_EQ(summary.failing_seeds.size(), 10u);
    EXPECT_EQ(summary.first_failing_seed, 3u);
    EXPECT_EQ(summary.seeds_by_anomaly.at("lost-write"), 10u);
    EXPECT_FALSE(summary.expectation_held);
}

TEST(Sweep, ExpectedViolationHoldsWhenAnySeedShowsIt) {
    std::vector<RunResult> results =
        sweep(Scenario{}, seeds(1, 5), on(2), every_third_loses_writes());
    EXPECT_TRUE(summarize(Expectation{"lost-write"}, results).expectation_held);
    EXPECT_FALSE(summarize(Expectation{"duplicate"}, results).expectation_held);
    std::vector<RunResult> clean =
        sweep(Scenario{}, seeds(1, 2), on(2), every_third_loses_writes());
    EXPECT_TRUE(summarize(Expectation{}, clean).expectation_held);
    EXPECT_FALSE(summarize(Expectation{"lost-write"}, clean).expectation_held);
}

TEST(Sweep, SummaryTablePrintsAReplayLinePerFailingSeed) {
    std::vector<RunResult> results =
        sweep(Scenario{}, seeds(1, 6), on(2), every_third_loses_writes());
    std::string table = format_summary(summarize(Expectation{}, results), [](uint64_t seed) {
        return "kafkasim replay f.toml --seed " + std::to_string(seed);
    });
    EXPECT_NE(table.find("seeds run              6"), std::string::npos) << table;
    EXPECT_NE(table.find("first failing seed     3"), std::string::npos) << table;
    EXPECT_NE(table.find("  lost-write           2"), std::string::npos) << table;
    EXPECT_NE(table.find("expected               pass (NOT held)"), std::string::npos) << table;
    EXPECT_NE(table.find("kafkasim replay f.toml --seed 3\n"), std::string::npos);
    EXPECT_NE(table.find("kafkasim replay f.toml --seed 6\n"), std::string::npos);
}

TEST(Sweep, ExceptionFromARunIsRethrownAfterAllThreadsStop) {
    RunFunction breaks_on_seven = [](const Scenario& s, uint64_t seed) {
        if (seed == 7) throw std::runtime_error("seed 7 broke");
        return testing::fake_result(s, seed, 3, "lost-write");
    };
    EXPECT_THROW(sweep(Scenario{}, seeds(1, 20), on(3), breaks_on_seven), std::runtime_error);
}

TEST(Sweep, ProgressBarCountsEverySeed) {
    std::FILE* progress = std::tmpfile();
    sweep(Scenario{}, seeds(1, 9), on(3, progress), every_third_loses_writes());
    std::rewind(progress);
    char buffer[4096] = {};
    size_t length = std::fread(buffer, 1, sizeof(buffer) - 1, progress);
    std::fclose(progress);
    std::string text(buffer, length);
    EXPECT_NE(text.find("9/9 seeds, 3 failing\n"), std::string::npos) << text;
}

TEST(Seeds, CountAndRangeParse) {
    EXPECT_EQ(parse_seeds("3").value(), (std::vector<uint64_t>{1, 2, 3}));
    EXPECT_EQ(parse_seeds("5..7").value(), (std::vector<uint64_t>{5, 6, 7}));
    for (const char* bad : {"", "0", "7..5", "a", "1..", "..3", "1...3"}) {
        EXPECT_FALSE(parse_seeds(bad).ok()) << bad;
    }
    EXPECT_EQ(parse_seeds("1..1000000").value().size(), 1000000u);
    EXPECT_EQ(parse_seeds("1..1000001").error().message(),
              "--seeds 1..1000001: expected at most 1000000 seeds");
    EXPECT_EQ(seeds_text({5, 6, 7}), "5..7");
    EXPECT_EQ(seeds_text({4}), "4");
    EXPECT_EQ(seeds_text({1, 3}), "1, 3");
}

}  // namespace
}  // namespace harness
