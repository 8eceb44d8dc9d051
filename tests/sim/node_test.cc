// Node lifecycle: a crash loses memory and timers but a restart rebuilds the process from
// the same disk; a pause delivers nothing until resume, then everything in order with late
// timers; cancelled timers never fire; clock skew moves only the node's own clock.

#include "sim/node.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/world.h"
#include "tests/sim/chatter.h"

namespace sim {
namespace {

using namespace sim::literals;
using testing::add_chatters;
using testing::chatter;

// Records timer payloads with the time they fired; starts timers as told by the test.
class Timers final : public Process, public TimerTarget {
 public:
    explicit Timers(NodeEnv& env) : env(env) {}
    void on_start() override {}
    void on_message(NodeId, const MessagePtr&) override {}
    void on_timer(uint64_t payload) override { fired.emplace_back(payload, env.now()); }
    TimerId start(Duration after, uint64_t payload) {
        return env.start_timer(after, *this, payload);
    }
    NodeEnv& env;
    std::vector<std::pair<uint64_t, Time>> fired;
};

// A component that lives shorter than its process, with two kinds of timer.
class Component final {
 public:
    explicit Component(std::vector<std::string>& log) : log_(log) {}
    void on_first(uint64_t payload) { log_.push_back("first " + std::to_string(payload)); }
    void on_second(uint64_t payload) { log_.push_back("second " + std::to_string(payload)); }
    TimerMember<Component, &Component::on_first> first{*this};
    TimerMember<Component, &Component::on_second> second{*this};

 private:
    std::vector<std::string>& log_;
};

Timers& add_timers(World& world, NodeId id) {
    world.add_node(id, "timers", [](NodeEnv& env) { return std::make_unique<Timers>(env); });
    return *world.process_as<Timers>(id);
}

TEST(Node, TimerFiresAfterItsDelayWithItsTag) {
    World world(WorldOptions{});
    Timers& timers = add_timers(world, 1);
    timers.start(5_ms, 7);
    world.run_for(10_ms);
    ASSERT_EQ(timers.fired.size(), 1u);
    EXPECT_EQ(timers.fired[0], (std::pair<uint64_t, Time>{7, 5_ms}));
}

TEST(Node, EachTimerReachesTheMemberItWasAimedAtWithItsPayload) {
    World world(WorldOptions{});
    Timers& timers = add_timers(world, 1);
    std::vector<std::string> log;
    Component component(log);
    timers.env.start_timer(2_ms, component.second, 5);
    timers.env.start_timer(1_ms, component.first, 4);
    world.run_for(3_ms);
    EXPECT_EQ(log, (std::vector<std::string>{"first 4", "second 5"}));
    EXPECT_TRUE(timers.fired.empty());
}

TEST(Node, TimerOfADestroyedTargetIsDroppedEvenWhenAnotherTakesItsSlot) {
    World world(WorldOptions{});
    Timers& timers = add_timers(world, 1);
    std::vector<std::string> log;
    auto gone = std::make_unique<Component>(log);
    timers.env.start_timer(1_ms, gone->first, 1);
    gone.reset();
    Component successor(log);  // registers in the slot the destroyed one left
    timers.env.start_timer(2_ms, successor.first, 2);
    world.run_for(3_ms);
    EXPECT_EQ(log, (std::vector<std::string>{"first 2"}));
}

TEST(Node, CancelledTimerNeverFiresAndCancellingAgainIsHarmless) {
    World world(WorldOptions{});
    Timers& timers = add_timers(world, 1);
    const TimerId cancelled = timers.start(5_ms, 1);
    timers.start(6_ms, 2);
    timers.env.cancel_timer(cancelled);
    timers.env.cancel_timer(cancelled);
    timers.env.cancel_timer(TimerId{});
    world.run_for(10_ms);
    ASSERT_EQ(timers.fired.size(), 1u);
    EXPECT_EQ(timers.fired[0].first, 2u);
}

TEST(Node, CrashDropsTimersAndRestartBuildsAFreshProcess) {
    World world(WorldOptions{});
    add_timers(world, 1).start(5_ms, 1);
    world.crash(1);
    EXPECT_EQ(world.process(1), nullptr);
    EXPECT_EQ(world.node_state(1), NodeState::Crashed);
    EXPECT_TRUE(world.restart(1));
    Timers& fresh = *world.process_as<Timers>(1);
    world.run_for(10_ms);
    EXPECT_TRUE(fresh.fired.empty());
}

TEST(Node, DiskSurvivesCrashAndRestart) {
    World world(WorldOptions{});
    add_timers(world, 1).env.disk().append("state", "kept");
    world.crash(1);
    world.restart(1);
    EXPECT_EQ(*world.process_as<Timers>(1)->env.disk().read("state"), "kept");
}

TEST(Node, PowerLossDropsUnsyncedDataButCrashDoesNot) {
    World world(WorldOptions{});
    Disk& disk = add_timers(world, 1).env.disk();
    disk.append("log", "synced");
    disk.fsync("log");
    disk.append("log", "+cached");
    world.crash(1);
    EXPECT_EQ(*world.disk(1).read("log"), "synced+cached");
    world.restart(1);
    world.power_loss(1);
    EXPECT_EQ(*world.disk(1).read("log"), "synced");
}

TEST(Node, LifecycleCallsThatDoNotApplyReturnFalse) {
    World world(WorldOptions{});
    add_timers(world, 1);
    EXPECT_FALSE(world.restart(1));
    EXPECT_FALSE(world.resume(1));
    EXPECT_TRUE(world.pause(1));
    EXPECT_FALSE(world.pause(1));
    EXPECT_TRUE(world.crash(1));
    EXPECT_FALSE(world.crash(1));
    EXPECT_FALSE(world.pause(1));
}

TEST(Node, PausedNodeHandlesNothingThenEverythingInOrderOnResume) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2}, 10_ms);
    world.run_for(25_ms);
    world.pause(2);
    const size_t before = chatter(world, 2).received[1].size();
    world.run_for(100_ms);
    EXPECT_EQ(chatter(world, 2).received[1].size(), before);
    world.resume(2);
    world.run_for(0);
    const auto& sequence = chatter(world, 2).received[1];
    EXPECT_EQ(sequence.size(), before + 10);
    for (size_t i = 1; i < sequence.size(); ++i) EXPECT_EQ(sequence[i], sequence[i - 1] + 1);
}

TEST(Node, PausedNodesTimersFireLateOnResume) {
    World world(WorldOptions{});
    Timers& timers = add_timers(world, 1);
    timers.start(5_ms, 1);
    world.pause(1);
    world.run_for(50_ms);
    EXPECT_TRUE(timers.fired.empty());
    world.resume(1);
    world.run_for(1_ms);
    ASSERT_EQ(timers.fired.size(), 1u);
    EXPECT_EQ(timers.fired[0].second, 50_ms);
}

TEST(Node, PausedNodeSendsNothing) {
    World world(WorldOptions{});
    add_chatters(world, {1, 2}, 10_ms);
    world.pause(1);
    world.run_for(100_ms);
    EXPECT_TRUE(chatter(world, 2).received[1].empty());
    EXPECT_TRUE(chatter(world, 1).received.empty());  // queued for it, not yet handled
    world.resume(1);
    world.run_for(5_ms);
    EXPECT_FALSE(chatter(world, 1).received.empty());
}

TEST(Node, ClockSkewShiftsOnlyThatNodesClock) {
    World world(WorldOptions{});
    add_timers(world, 1);
    add_timers(world, 2);
    world.run_for(1_s);
    world.set_clock_skew(1, -200_ms);
    EXPECT_EQ(world.find_node(1)->now(), 800_ms);
    EXPECT_EQ(world.find_node(2)->now(), 1_s);
}

TEST(Node, ProbesCountHits) {
    World world(WorldOptions{});
    Timers& timers = add_timers(world, 1);
    timers.env.probe("isr shrink");
    timers.env.probe("isr shrink");
    EXPECT_EQ(world.find_node(1)->probes().at("isr shrink"), 2u);
}

TEST(Node, WorldSumsProbesOverNodesAndProbesLeaveTheTraceAlone) {
    World world(WorldOptions{});
    Timers& one = add_timers(world, 1);
    Timers& two = add_timers(world, 2);
    world.run_for(1_ms);
    const uint64_t hash = world.trace_hash();
    one.env.probe("isr shrink");
    two.env.probe("isr shrink");
    two.env.probe("unclean election");
    EXPECT_EQ(world.trace_hash(), hash);
    world.crash(2);  // a node's counts outlive its process
    const std::map<std::string, uint64_t> expected = {{"isr shrink", 2}, {"unclean election", 1}};
    EXPECT_EQ(world.probe_counts(), expected);
}

}  // namespace
}  // namespace sim
