// The World as a whole: nodes added to one World exchange messages through its network,
// and the run is a pure function of the seed. Two small processes ping-pong a counter.

#include "sim/world.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "sim/faults/schedule.h"
#include "tests/sim/chatter.h"

namespace sim {
namespace {

using namespace sim::literals;

struct Ball final : Message {
    explicit Ball(int hits) : hits(hits) {}
    const char* name() const override { return "Ball"; }
    uint64_t digest() const override { return static_cast<uint64_t>(hits); }
    int hits;
};

// Returns every ball to the peer with one more hit; node 1 serves the first ball.
class Player final : public Process {
   public:
    Player(NodeEnv& env, NodeId peer) : env_(env), peer_(peer) {}
    void on_start() override {
        if (env_.self() == 1) env_.send(peer_, std::make_shared<Ball>(1));
    }
    void on_message(NodeId from, const MessagePtr& message) override {
        const auto& ball = static_cast<const Ball&>(*message);
        last_hits = ball.hits;
        if (ball.hits < 100) env_.send(from, std::make_shared<Ball>(ball.hits + 1));
    }
    int last_hits = 0;

   private:
    NodeEnv& env_;
    NodeId peer_;
};

void add_players(World& world) {
    world.add_node(1, "player-1", [](NodeEnv& env) { return std::make_unique<Player>(env, 2); });
    world.add_node(2, "player-2", [](NodeEnv& env) { return std::make_unique<Player>(env, 1); });
}

TEST(World, TwoNodesPlayPingPongOverTheNetwork) {
    WorldOptions options;
    options.network.one_way_latency_ns_mean = 1_ms;
    World world(options);
    add_players(world);
    world.run_for(1_s);
    EXPECT_EQ(world.process_as<Player>(2)->last_hits, 99);
    EXPECT_EQ(world.process_as<Player>(1)->last_hits, 100);
    EXPECT_EQ(world.network().delivered(), 100u);
}

TEST(World, PingPongTakesOneLatencyPerHitWithoutJitter) {
    WorldOptions options;
    options.network.one_way_latency_ns_mean = 1_ms;
    World world(options);
    add_players(world);
    world.run_for(50_ms + 500_us);
    EXPECT_EQ(world.process_as<Player>(1)->last_hits, 50);
}

TEST(World, SameSeedGivesSameTraceHashWithJitter) {
    WorldOptions options;
    options.seed = 42;
    options.network.jitter_ns = 400_us;
    World first(options);
    World second(options);
    add_players(first);
    add_players(second);
    first.run_for(1_s);
    second.run_for(1_s);
    EXPECT_EQ(first.trace_hash(), second.trace_hash());
    EXPECT_GT(first.trace().count(), 100u);
}

// A small world with every kind of event: jittered chatter among five nodes, a crash and
// restart, a pause, a partition and a clock skew.
uint64_t busy_world_hash(uint64_t seed) {
    WorldOptions options;
    options.seed = seed;
    options.network.jitter_ns = 500_us;
    options.network.connection_timeout_ns = 100_ms;
    World world(options);
    testing::add_chatters(world, {1, 2, 3, 4, 5}, 7_ms);
    FaultSchedule schedule(world);
    KS_ASSERT(schedule.add({{"kind", "crash"}, {"at", "100ms"}, {"duration", "150ms"},
                            {"target", "2"}}).ok());
    KS_ASSERT(schedule.add({{"kind", "pause"}, {"at", "200ms"}, {"duration", "50ms"},
                            {"target", "3"}}).ok());
    KS_ASSERT(schedule.add({{"kind", "partition-halves"}, {"at", "300ms"},
                            {"duration", "100ms"}}).ok());
    KS_ASSERT(schedule.add({{"kind", "clock-skew"}, {"at", "350ms"}, {"target", "4"},
                            {"skew", "-20ms"}}).ok());
    world.run_until(500_ms);
    return world.trace_hash();
}

TEST(World, SameSeedGivesTheSameTraceHashInTwoFreshWorldsOverAHundredSeeds) {
    for (uint64_t seed = 1; seed <= 100; ++seed) {
        EXPECT_EQ(busy_world_hash(seed), busy_world_hash(seed)) << "seed " << seed;
    }
}

TEST(World, DifferentSeedsGiveDifferentTraceHashes) {
    std::set<uint64_t> hashes;
    for (uint64_t seed = 1; seed <= 100; ++seed) hashes.insert(busy_world_hash(seed));
    EXPECT_EQ(hashes.size(), 100u);
}

// Pinned: a change here means every recorded seed replays differently. Update it only
// for a deliberate change to the simulation's semantics, and say so in the commit.
TEST(World, GoldenTraceHashOfASmallWorldIsPinned) {
    EXPECT_EQ(busy_world_hash(2026), 0xb219d6a9146ea1d9ULL);
}

TEST(World, KeptTraceExportsAsChromeJsonWithEveryEvent) {
    WorldOptions options;
    options.keep_trace_events = true;
    World world(options);
    testing::add_chatters(world, {1, 2}, 10_ms);
    world.run_for(100_ms);
    EXPECT_EQ(world.trace().events().size(), world.trace().count());
    const std::string json = chrome_trace_json(world.trace());
    EXPECT_NE(json.find("\"node-1\""), std::string::npos);
}

}  // namespace
}  // namespace sim
