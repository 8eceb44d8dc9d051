// Shrinking with fake predicates: ddmin finds the one or two faults that matter, and
// shrink() keeps the seed, the anomaly and only scenarios that still fail.
#include "harness/trust/shrink.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace harness {
namespace {

using namespace sim::literals;

bool contains(const std::vector<size_t>& set, size_t item) {
    return std::find(set.begin(), set.end(), item) != set.end();
}

TEST(Ddmin, FindsTheTwoElementsThatTogetherFail) {
    size_t tests = 0;
    std::vector<size_t> minimal = ddmin(16, [&](const std::vector<size_t>& subset) {
        ++tests;
        return contains(subset, 3) && contains(subset, 11);
    });
    EXPECT_EQ(minimal, (std::vector<size_t>{3, 11}));
    EXPECT_LT(tests, 60u);
}

TEST(Ddmin, FindsTheSingleFailingElement) {
    std::vector<size_t> minimal = ddmin(9, [](const std::vector<size_t>& subset) {
        return contains(subset, 8);
    });
    EXPECT_EQ(minimal, (std::vector<size_t>{8}));
}

TEST(Ddmin, ReturnsNothingWhenTheFailureNeedsNoElement) {
    EXPECT_TRUE(ddmin(5, [](const std::vector<size_t>&) { return true; }).empty());
}

Scenario scenario_with_faults() {
    Scenario scenario;
    scenario.name = "s";
    scenario.duration = 60_s;
    scenario.expect = Expectation{"lost-write"};
    for (int i = 0; i < 8; ++i) {
        FaultSpec fault;
        fault.at = (i + 1) * 1_s;
        fault.kind = i == 2 ? "crash" : "pause";
        scenario.faults.push_back(fault);
    }
    scenario.nemesis = NemesisSpec{{"crash"}, 4_s, {}};
    ProducerSpec producer;
    producer.name = "p";
    producer.rate = Rate{100, 1_s};
    scenario.producers.push_back(producer);
    return scenario;
}

/// Loses a write only when the crash at 3s and the pause at 6s both happen, the run
/// lasts past 20s and at least 500 records are sent; with the crash alone it shows a
/// different anomaly, which must not count.
RunResult fake_run(const Scenario& scenario, uint64_t seed) {
    bool crash = false;
    bool pause = false;
    for (const FaultSpec& fault : scenario.faults) {
        crash |= fault.kind == "crash" && fault.at == 3_s;
        pause |= fault.kind == "pause" && fault.at == 6_s;
    }
    const ProducerSpec& producer = scenario.producers[0];
    int64_t records = producer.count.value_or(100 * scenario.duration / 1_s);
    RunResult result;
    result.seed = seed;
    if (crash && seed == 42) {
        result.failing = true;
        bool loses = pause && scenario.duration > 20_s && records >= 500;
        result.anomalies = {loses ? "lost-write" : "duplicate"};
    }
    return result;
}

TEST(Shrink, KeepsOnlyTheFaultsThatStillFailTheSameWay) {
    sim::Result<ShrinkResult> shrunk = shrink(scenario_with_faults(), 42, fake_run);
    ASSERT_TRUE(shrunk.ok());
    const Scenario& minimal = shrunk.value().minimal;
    ASSERT_EQ(minimal.faults.size(), 2u);
    EXPECT_EQ(minimal.faults[0].at, 3_s);
    EXPECT_EQ(minimal.faults[1].at, 6_s);
    EXPECT_FALSE(minimal.nemesis.has_value());
    EXPECT_EQ(shrunk.value().anomaly, "lost-write");
    EXPECT_EQ(shrunk.value().original_faults, 8u);
    EXPECT_TRUE(shrunk.value().final_run.shows("lost-write"));
}

TEST(Shrink, ShortensTheRunAndTheProducersWhileTheyStillFail) {
    ShrinkResult shrunk = shrink(scenario_with_faults(), 42, fake_run).value();
    EXPECT_GT(shrunk.minimal.duration, 20_s);
    EXPECT_LT(shrunk.minimal.duration, 21_s);
    ASSERT_TRUE(shrunk.minimal.producers[0].count.has_value());
    EXPECT_GE(*shrunk.minimal.producers[0].count, 500);
    EXPECT_LT(*shrunk.minimal.producers[0].count, 510);
    EXPECT_TRUE(fake_run(shrunk.minimal, 42).shows("lost-write"));
}

TEST(Shrink, PassingSeedHasNothingToShrink) {
    sim::Result<ShrinkResult> shrunk = shrink(scenario_with_faults(), 7, fake_run);
    ASSERT_FALSE(shrunk.ok());
    EXPECT_EQ(shrunk.error().message(), "expected seed 7 to fail, but it passes: nothing to "
                                        "shrink");
}

TEST(Shrink, StopsAfterTheRunBudget) {
    size_t runs = 0;
    RunFunction counting = [&](const Scenario& s, uint64_t seed) {
        ++runs;
        return fake_run(s, seed);
    };
    ShrinkResult shrunk = shrink(scenario_with_faults(), 42, counting, {5}).value();
    EXPECT_EQ(runs, 5u);
    EXPECT_EQ(shrunk.runs, 5u);
    EXPECT_TRUE(fake_run(shrunk.minimal, 42).shows("lost-write"));
}

}  // namespace
}  // namespace harness
