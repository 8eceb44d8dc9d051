// The fault schedule: faults fire at their time on targets resolved at that moment, heal
// when their duration ends, and heal_all ends everything for the quiet phase.

#include "sim/faults/schedule.h"

#include <gtest/gtest.h>

#include "sim/world.h"
#include "tests/sim/chatter.h"

namespace sim {
namespace {

using namespace sim::literals;
using testing::add_chatters;

TEST(FaultSchedule, CrashWithDurationRestartsTheNodeWhenItEnds) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2, 3}, 10_ms);
    FaultSchedule schedule(world);
    ASSERT_TRUE(schedule.add({{"kind", "crash"}, {"at", "1s"}, {"duration", "2s"},
                              {"target", "2"}}).ok());
    world.run_until(1_s + 1_ms);
    EXPECT_EQ(world.node_state(2), NodeState::Crashed);
    world.run_until(3_s + 1_ms);
    EXPECT_EQ(world.node_state(2), NodeState::Running);
    EXPECT_EQ(testing::chatter(world, 2).starts, 1);  // a fresh process
}

TEST(FaultSchedule, TargetIsResolvedWhenTheFaultFires) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2, 3}, 10_ms);
    NodeId leader = 1;
    FaultSchedule schedule(world, [&](std::string_view target) -> std::vector<NodeId> {
        if (target == "leader") return {leader};
        return {};
    });
    ASSERT_TRUE(schedule.add({{"kind", "pause"}, {"at", "1s"}, {"target", "leader"}}).ok());
    world.run_until(500_ms);
    leader = 3;  // the role moved before the fault fired
    world.run_until(2_s);
    EXPECT_EQ(world.node_state(3), NodeState::Paused);
    EXPECT_EQ(world.node_state(1), NodeState::Running);
}

TEST(FaultSchedule, TargetResolvingToNoNodeIsSkippedAndCounted) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2}, 10_ms);
    FaultSchedule schedule(world);
    ASSERT_TRUE(schedule.add({{"kind", "crash"}, {"at", "1s"}, {"target", "broker-9"}}).ok());
    world.run_until(2_s);
    EXPECT_EQ(schedule.skipped(), 1u);
    EXPECT_EQ(schedule.applied(), 0u);
}

TEST(FaultSchedule, PartitionWithoutTargetSplitsEveryNodeAndHeals) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2, 3, 4}, 10_ms);
    FaultSchedule schedule(world);
    ASSERT_TRUE(schedule.add({{"kind", "partition-halves"}, {"at", "1s"}, {"duration", "1s"}})
                    .ok());
    world.run_until(1_s + 1_ms);
    EXPECT_EQ(world.network().cuts().size(), 8u);  // 2 x 2 nodes, both directions
    world.run_until(2_s + 1_ms);
    EXPECT_TRUE(world.network().cuts().empty());
}

TEST(FaultSchedule, HealAllEndsActiveFaultsAndCancelsLaterOnes) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2, 3}, 10_ms);
    FaultSchedule schedule(world);
    ASSERT_TRUE(schedule.add({{"kind", "isolate"}, {"at", "1s"}, {"target", "1"}}).ok());
    ASSERT_TRUE(schedule.add({{"kind", "crash"}, {"at", "5s"}, {"target", "2"}}).ok());
    world.run_until(2_s);
    EXPECT_FALSE(world.network().cuts().empty());
    schedule.heal_all();
    world.run_until(6_s);
    EXPECT_TRUE(world.network().cuts().empty());
    EXPECT_EQ(world.node_state(2), NodeState::Running);
}

TEST(FaultSchedule, SpecErrorsSayWhatIsMissing) {
    World world(WorldOptions{});
    FaultSchedule schedule(world);
    Status no_at = schedule.add({{"kind", "crash"}, {"target", "1"}});
    ASSERT_FALSE(no_at.ok());
    EXPECT_NE(no_at.error().what.find("needs \"at\""), std::string::npos);
    Status no_target = schedule.add({{"kind", "crash"}, {"at", "1s"}});
    ASSERT_FALSE(no_target.ok());
    EXPECT_NE(no_target.error().what.find("needs a \"target\""), std::string::npos);
}

TEST(FaultSchedule, DelayAndSkewAndSlowDiskApplyAndHeal) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2}, 10_ms);
    FaultSchedule schedule(world);
    ASSERT_TRUE(schedule.add({{"kind", "clock-skew"}, {"at", "1s"}, {"duration", "1s"},
                              {"target", "1"}, {"skew", "-300ms"}}).ok());
    ASSERT_TRUE(schedule.add({{"kind", "slow-disk"}, {"at", "1s"}, {"duration", "1s"},
                              {"target", "2"}, {"latency", "40ms"}}).ok());
    world.run_until(1_s + 1_ms);
    EXPECT_EQ(world.find_node(1)->now(), world.now() - 300_ms);
    const Duration normal = WorldOptions{}.disk.fsync_latency_ns;
    EXPECT_EQ(world.disk(2).fsync("f"), normal + 40_ms);
    world.run_until(2_s + 1_ms);
    EXPECT_EQ(world.find_node(1)->now(), world.now());
    EXPECT_EQ(world.disk(2).fsync("f"), normal);
}

}  // namespace
}  // namespace sim
