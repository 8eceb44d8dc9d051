// The drain and the client's death (issue 17). A scenario without `drain` drains for the
// recovery its own configs imply (broker session after a broker fault, the request
// timeout after a cut link, two consumer sessions after a member crash), `drain`
// overrides it; records not yet read while the cluster visibly had not recovered are a
// `liveness` anomaly naming what had not, not `unseen`; and a consumer whose poll() would
// throw in Kafka writes a `fail` poll naming the exception and fails the run with
// `client-error`, where it used to stall silently and pass.
#include <gtest/gtest.h>

#include "harness/run/run.h"
#include "harness/run/drain.h"
#include "harness/scenario/scenario.h"
#include "harness/scenario/toml.h"

namespace harness {
namespace {

using namespace sim::literals;

const std::string kDir = KAFKASIM_SOURCE_DIR "/scenarios/";

Scenario load(const std::string& relative, const std::vector<Override>& overrides = {}) {
    sim::Result<Scenario> scenario = load_scenario_file(kDir + relative, overrides);
    EXPECT_TRUE(scenario.ok()) << scenario.error().message();
    return scenario.value();
}

Scenario load_text(const std::string& text) {
    sim::Result<Scenario> scenario = load_scenario_string(text, "s.toml");
    EXPECT_TRUE(scenario.ok()) << scenario.error().message();
    return scenario.value();
}

const std::string kCluster =
    "name = \"n\"\nexpect = \"pass\"\nduration = \"20s\"\n[cluster]\nbrokers = 3\n"
    "[[topics]]\nname = \"t\"\nreplication_factor = 3\n"
    "[[producers]]\nname = \"p\"\ntopic = \"t\"\n"
    "[[consumers]]\ngroup = \"g\"\ntopic = \"t\"\n";

TEST(DerivedDrain, WithoutFaultsIsTheMinimum) {
    EXPECT_EQ(drain_of(load_text(kCluster)), kMinimumDrain);
}

TEST(DerivedDrain, ABrokerCrashAtTheEndCoversFailoverSessionAndCommitTimeout) {
    // Heals at 20s: failover 2s + 2 x 1s, broker.session.timeout.ms 9s, heartbeat 2s,
    // offsets.commit.timeout.ms 5s = 20s past `duration`, + 5s margin.
    const Scenario s = load_text(kCluster +
                                 "[[faults]]\nat = \"15s\"\nkind = \"crash\"\n"
                                 "target = \"broker:2\"\n");
    EXPECT_EQ(drain_of(s), 25_s);
    EXPECT_NE(drain_text(s).find("broker.session.timeout.ms 9s"), std::string::npos)
        << drain_text(s);
}

TEST(DerivedDrain, TheBrokersOwnTimeoutsScaleIt) {
    const Scenario s = load_text(
        kCluster + "[[faults]]\nat = \"15s\"\nkind = \"crash\"\ntarget = \"broker:2\"\n");
    Scenario shorter = s;
    shorter.cluster.config["broker.session.timeout.ms"] = "3000";
    EXPECT_EQ(drain_of(shorter), drain_of(s) - 6_s);
}

TEST(DerivedDrain, AMemberCrashCoversTwoSessionTimeouts) {
    // Strikes at 19s: 2 x 45s + heartbeat 3s + group.initial.rebalance.delay.ms 3s = 96s,
    // 95s past `duration`, + 5s margin.
    // Two members: consumer(g,1) is valid whether members count from 0 or from 1.
    const Scenario s = load_text(kCluster + "members = 2\n" +
                                 "[[faults]]\nat = \"19s\"\nkind = \"crash\"\n"
                                 "target = \"consumer(g,1)\"\nduration = \"1s\"\n");
    EXPECT_EQ(drain_of(s), 100_s);
    EXPECT_NE(drain_text(s).find("2 x session.timeout.ms 45s"), std::string::npos);
}

TEST(DerivedDrain, ACutLinkCoversTheRequestTimeout) {
    const Scenario s = load_text(kCluster +
                                 "[[faults]]\nat = \"10s\"\nkind = \"isolate\"\n"
                                 "target = \"broker:2\"\nduration = \"10s\"\n");
    EXPECT_EQ(drain_of(s), 36_s);  // request.timeout.ms 30s + retry.backoff.ms 0.1s + 5s
}

TEST(DerivedDrain, DrainOverridesTheDerivedOne) {
    const Scenario s = load_text("drain = \"3s\"\n" + kCluster);
    EXPECT_EQ(drain_of(s), 3_s);
    EXPECT_EQ(drain_text(s), "3s (set by `drain`)");
}

TEST(DrainShortfall, UnreadRecordsWhileALeaderIsMissingAreLivenessNotUnseen) {
    // The leader stays down until `duration` and the drain is too short to elect and
    // serve again: what was acknowledged and not yet read is the drain's shortfall.
    const Scenario s = load("known/acks_all_leader_crash.toml",
                            {{"drain", "1s"}, {"faults.0.duration", "15s"}});
    const RunResult result = run(s, 1, run_options(false, false));
    EXPECT_TRUE(result.shows("liveness")) << result.verdict_text;
    EXPECT_FALSE(result.shows("unseen")) << result.verdict_text;
    EXPECT_NE(result.verdict_text.find("has no acting leader"), std::string::npos)
        << result.verdict_text;
}

TEST(DrainShortfall, TheDerivedDrainLetsTheSameRunPass) {
    const Scenario s = load("known/acks_all_leader_crash.toml", {{"faults.0.duration", "15s"}});
    const RunResult result = run(s, 1, run_options(false, false));
    EXPECT_FALSE(result.failing) << result.verdict_text;
}

TEST(ClientError, NoOffsetForPartitionFailsTheRunNamingTheException) {
    const Scenario s = load("known/acks_all_leader_crash.toml",
                            {{"consumers.reader.config.auto.offset.reset", "none"}});
    const RunResult result = run(s, 1, run_options(false, true));
    EXPECT_TRUE(result.failing);
    EXPECT_TRUE(result.shows("client-error")) << result.verdict_text;
    EXPECT_NE(result.history_csv.find("fail,poll,events,0,,,,NoOffsetForPartitionException"),
              std::string::npos);
}

TEST(ClientError, ASessionTimeoutBelowTheBrokersMinimumFailsTheRun) {
    const Scenario s = load("known/acks_all_leader_crash.toml",
                            {{"consumers.reader.config.session.timeout.ms", "3000"}});
    const RunResult result = run(s, 1, run_options(false, false));
    EXPECT_TRUE(result.shows("client-error")) << result.verdict_text;
    EXPECT_NE(result.verdict_text.find("InvalidSessionTimeoutException"), std::string::npos);
}

TEST(ClientError, CanBeTheExpectedViolation) {
    const Scenario s = load_text(
        "name = \"n\"\nexpect = \"violation:client-error\"\n[[topics]]\nname = \"t\"\n");
    EXPECT_EQ(s.expect.anomaly, "client-error");
}

}  // namespace
}  // namespace harness
