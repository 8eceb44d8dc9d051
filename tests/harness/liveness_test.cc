// Safety, then liveness (issue 10): the `[liveness]` section loads with precise errors
// and writes back; a run with it heals at `after` and names each condition that never
// held within `within`; a broker that never returns passes safety and fails liveness,
// the same crash healed passes; a scenario without the section keeps its trace hash.
#include <gtest/gtest.h>

#include "harness/run/run.h"
#include "harness/scenario/toml.h"

namespace harness {
namespace {

const std::string kDir = KAFKASIM_SOURCE_DIR "/scenarios/";

std::string error_of(const std::string& text) {
    sim::Result<Scenario> scenario = load_scenario_string(text, "s.toml");
    return scenario.ok() ? "(loaded)" : scenario.error().message();
}

Scenario load(const std::string& relative, const std::vector<Override>& overrides = {}) {
    sim::Result<Scenario> scenario = load_scenario_file(kDir + relative, overrides);
    EXPECT_TRUE(scenario.ok()) << scenario.error().message();
    return scenario.value();
}

RunResult run_seed(const Scenario& scenario, uint64_t seed) {
    return run(scenario, seed, run_options(false, false));
}

/// Lines 1-3; the section's keys start on line 4.
const std::string kHead = "name = \"n\"\nexpect = \"pass\"\n[liveness]\n";
const std::string kWindow = "after = \"2s\"\nwithin = \"3s\"\n";

TEST(LivenessSection, HealDefaultsToTrueAndFalseIsKeptAndWrittenBack) {
    sim::Result<Scenario> s = load_scenario_string(kHead + kWindow + "heal = false\n");
    ASSERT_TRUE(s.ok()) << s.error().message();
    ASSERT_TRUE(s.value().liveness.has_value());
    EXPECT_FALSE(s.value().liveness->heal);
    const std::string text = to_toml(s.value());
    EXPECT_NE(text.find("[liveness]\n" + kWindow + "heal = false\n"), std::string::npos)
        << text;
    sim::Result<Scenario> back = load_scenario_string(text);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), s.value());
    sim::Result<Scenario> healing = load_scenario_string(kHead + kWindow);
    ASSERT_TRUE(healing.ok());
    EXPECT_TRUE(healing.value().liveness->heal);
}

TEST(LivenessSection, ZeroWithinIsRejectedAtTheValue) {
    EXPECT_EQ(error_of(kHead + "after = \"2s\"\nwithin = \"0s\"\n"),
              "s.toml:5:10: expected a duration > 0");
}

TEST(LivenessSection, MissingAfterIsNamed) {
    EXPECT_NE(error_of(kHead + "within = \"3s\"\n").find("\"after\""), std::string::npos);
}

TEST(LivenessSection, UnknownKeyListsTheSectionsKeys) {
    EXPECT_EQ(error_of(kHead + kWindow + "heel = 1\n"),
              "s.toml:6:1: expected a key of [liveness] (after, within, heal), got \"heel\"; "
              "did you mean \"heal\"?");
}

TEST(LivenessSection, SetOverridesItsKeys) {
    Scenario s = load("liveness/broker_crash_heals.toml",
                      {{"liveness.within", "250ms"}, {"liveness.heal", "false"}});
    EXPECT_EQ(s.liveness->within, 250 * sim::kMillisecond);
    EXPECT_FALSE(s.liveness->heal);
}

TEST(LivenessRun, BrokerThatNeverReturnsPassesSafetyButFailsLivenessNamingTheIsr) {
    Scenario s = load("liveness/broker_never_returns.toml");
    RunResult result = run_seed(s, 1);
    EXPECT_TRUE(result.failing);
    EXPECT_EQ(result.anomalies, std::vector<std::string>{"liveness"}) << result.verdict_text;
    EXPECT_NE(result.verdict_text.find("ISR [1,2] is not the full replica set [1,2,3] at"),
              std::string::npos)
        << result.verdict_text;

    Scenario safety_only = s;
    safety_only.liveness.reset();
    safety_only.faults[0].duration = std::nullopt;
    EXPECT_FALSE(run_seed(safety_only, 1).failing);
}

TEST(LivenessRun, TheSameCrashHealedAtTheLivenessPointConverges) {
    Scenario s = load("liveness/broker_crash_heals.toml");
    RunResult result = run_seed(s, 1);
    EXPECT_FALSE(result.failing) << result.verdict_text;
}

TEST(LivenessRun, AWindowTooShortForTheRestartedBrokerToCatchUpFails) {
    Scenario s = load("liveness/broker_crash_heals.toml", {{"liveness.within", "50ms"}});
    RunResult result = run_seed(s, 1);
    EXPECT_TRUE(result.shows("liveness")) << result.verdict_text;
    EXPECT_NE(result.verdict_text.find("is not the full replica set"), std::string::npos)
        << result.verdict_text;
}

TEST(LivenessRun, TheRunLastsUntilTheLivenessDeadlineWhenItIsPastTheDrain) {
    Scenario s = load("liveness/broker_crash_heals.toml",
                      {{"drain", "1s"}, {"liveness.within", "40s"}});
    RunResult result = run_seed(s, 1);
    RunResult without = run_seed(load("liveness/broker_crash_heals.toml", {{"drain", "1s"}}),
                                 1);
    EXPECT_GT(result.metrics.at("virtual_seconds"), without.metrics.at("virtual_seconds"));
}

}  // namespace
}  // namespace harness
