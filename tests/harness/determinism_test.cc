// The determinism check (issue 10). Goal: two runs of one seed either agree, or the report
// names the first trace event where they part. Method: first_divergence on hand-made
// traces, then check_determinism on the real simulator with a perturbation that leaves no
// trace event of its own (one extra random draw on the brokers in the second run only),
// so the divergence must be found where the changed behaviour first shows.
#include "harness/trust/determinism.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness/scenario/toml.h"
#include "sim/world.h"

namespace harness {
namespace {

sim::TraceEvent event(sim::Time time, sim::NodeId node, std::string name) {
    return sim::TraceEvent{time, sim::TraceKind::Note, node, sim::kNoNode, std::move(name), 0};
}

TEST(FirstDivergence, EqualTracesHaveNone) {
    std::vector<sim::TraceEvent> trace = {event(1, 1, "a"), event(2, 2, "b")};
    EXPECT_FALSE(first_divergence(trace, trace).has_value());
}

TEST(FirstDivergence, NamesTheFirstEventThatDiffersInAnyField) {
    std::vector<sim::TraceEvent> first = {event(1, 1, "a"), event(2, 2, "b"), event(3, 1, "c")};
    std::vector<sim::TraceEvent> second = first;
    second[1].detail = 7;
    second[2].name = "z";
    auto divergence = first_divergence(first, second);
    ASSERT_TRUE(divergence.has_value());
    EXPECT_EQ(divergence->index, 1u);
    EXPECT_EQ(divergence->first->detail, 0u);
    EXPECT_EQ(divergence->second->detail, 7u);
}

TEST(FirstDivergence, AShorterTraceDivergesWhereItEnds) {
    std::vector<sim::TraceEvent> first = {event(1, 1, "a"), event(2, 2, "b")};
    std::vector<sim::TraceEvent> second = {event(1, 1, "a")};
    auto divergence = first_divergence(first, second);
    ASSERT_TRUE(divergence.has_value());
    EXPECT_EQ(divergence->index, 1u);
    EXPECT_TRUE(divergence->first.has_value());
    EXPECT_FALSE(divergence->second.has_value());
    EXPECT_NE(format_determinism(DeterminismReport{1, 1, 2, 2, 1, divergence, {}})
                  .find("(no event: this run's trace ended here)"),
              std::string::npos);
}

struct At final : sim::EventHandler {
    std::function<void()> action;
    void on_event(uint64_t, uint64_t) override { action(); }
};

TEST(CheckDeterminism, AnExtraRandomDrawIsCaughtAtOrAfterTheDraw) {
    auto scenario = load_scenario_file(KAFKASIM_SOURCE_DIR
                                       "/scenarios/known/clean_election_only.toml");
    ASSERT_TRUE(scenario.ok()) << scenario.error().message();
    At at;
    sim::Time when = 0;
    int calls = 0;
    auto run = [&](const Scenario& s, uint64_t seed, RunOptions options) {
        if (++calls == 2) {
            options.perturb = [&](sim::World& world) {
                when = world.now() + sim::kSecond;
                at.action = [&world] {
                    for (sim::NodeId broker : {1, 2}) world.find_node(broker)->rng().next();
                };
                world.loop().schedule_at(when, &at);
            };
        }
        return harness::run(s, seed, options);
    };
    DeterminismReport report = check_determinism(scenario.value(), 2, run);
    ASSERT_FALSE(report.deterministic());
    ASSERT_TRUE(report.divergence.has_value());
    const Divergence& divergence = *report.divergence;
    ASSERT_TRUE(divergence.first.has_value());
    ASSERT_TRUE(divergence.second.has_value());
    EXPECT_GE(divergence.first->time, when);
    EXPECT_GE(divergence.second->time, when);
    EXPECT_NE(format_determinism(report).find(fmt::format("first differing event: #{}",
                                                          divergence.index)),
              std::string::npos);
}

TEST(CheckDeterminism, TwoPlainRunsAgree) {
    auto scenario = load_scenario_file(KAFKASIM_SOURCE_DIR
                                       "/scenarios/known/clean_election_only.toml");
    ASSERT_TRUE(scenario.ok());
    DeterminismReport report = check_determinism(scenario.value(), 4, harness::run);
    EXPECT_TRUE(report.deterministic());
    EXPECT_FALSE(report.divergence.has_value());
    EXPECT_GT(report.first_events, 1000u);
    EXPECT_EQ(report.first_events, report.second_events);
}

}  // namespace
}  // namespace harness
