// The network: FIFO per directed connection even when jitter exceeds the latency, loss on
// cut links (both ways or one way) reported to the sender after the connection timeout,
// and nothing delivered to a crashed node, including what was in flight when it crashed.

#include "sim/network.h"

#include <gtest/gtest.h>

#include <set>

#include "sim/world.h"
#include "tests/sim/chatter.h"

namespace sim {
namespace {

using namespace sim::literals;
using testing::add_chatters;
using testing::chatter;

WorldOptions jittery(uint64_t seed) {
    WorldOptions options;
    options.seed = seed;
    options.network.one_way_latency_ns_mean = 1_ms;
    options.network.jitter_ns = 900_us;
    options.network.connection_timeout_ns = 200_ms;
    return options;
}

bool increasing(const std::vector<int>& sequence) {
    for (size_t i = 1; i < sequence.size(); ++i) {
        if (sequence[i - 1] >= sequence[i]) return false;
    }
    return true;
}

TEST(Network, ConnectionsStayFifoUnderJitterLargerThanTheSendInterval) {
    for (uint64_t seed = 1; seed <= 5; ++seed) {
        World world(jittery(seed));
        add_chatters(world, {1, 2, 3}, 100_us);  // sends far faster than the jitter
        world.run_for(200_ms);
        for (NodeId id : {1, 2, 3}) {
            for (const auto& [from, sequence] : chatter(world, id).received) {
                EXPECT_GT(sequence.size(), 1000u);
                EXPECT_TRUE(increasing(sequence)) << from << "->" << id << " seed " << seed;
            }
        }
    }
}

TEST(Network, JitterSpreadsDeliveryTimes) {
    World world(jittery(3));
    add_chatters(world, {1, 2}, 10_ms);
    world.run_for(1_s);
    const auto& times = chatter(world, 2).received_at;
    std::set<Time> offsets;
    for (Time t : times) offsets.insert(t % (10_ms));
    EXPECT_GT(offsets.size(), 20u);
}

TEST(Network, CutLinkLosesMessagesAndTheSenderHearsAfterTheTimeout) {
    World world(jittery(1));
    add_chatters(world, {1, 2}, 10_ms);
    world.run_for(55_ms);
    world.network().cut(1, 2);
    const size_t before = chatter(world, 2).received[1].size();
    world.run_for(150_ms);
    EXPECT_EQ(chatter(world, 2).received[1].size(), before + 0);
    EXPECT_TRUE(chatter(world, 1).disconnected.empty());  // timeout not reached yet
    world.run_for(100_ms);
    EXPECT_FALSE(chatter(world, 1).disconnected.empty());
    EXPECT_EQ(chatter(world, 1).disconnected.front(), 2);
    EXPECT_GT(world.network().dropped(), 0u);
}

TEST(Network, HealedLinkCarriesMessagesAgain) {
    World world(jittery(1));
    add_chatters(world, {1, 2}, 10_ms);
    world.network().cut(1, 2);
    world.run_for(100_ms);
    EXPECT_TRUE(chatter(world, 2).received[1].empty());
    world.network().heal(1, 2);
    world.run_for(100_ms);
    EXPECT_GT(chatter(world, 2).received[1].size(), 5u);
}

TEST(Network, OneWayCutLosesOnlyOneDirection) {
    World world(jittery(1));
    add_chatters(world, {1, 2}, 10_ms);
    world.network().cut_one_way(1, 2);
    world.run_for(100_ms);
    EXPECT_TRUE(chatter(world, 2).received[1].empty());
    EXPECT_GT(chatter(world, 1).received[2].size(), 5u);
}

TEST(Network, CrashedNodeReceivesNothingAndSendersHearOfIt) {
    World world(jittery(1));
    add_chatters(world, {1, 2}, 1_ms);
    world.run_for(20_ms);
    world.crash(2);
    const uint64_t delivered = world.network().delivered();
    world.run_for(100_ms);
    // Only node 2's traffic to 1 could still arrive, and a crash tears that down too.
    EXPECT_EQ(world.network().delivered(), delivered);
    world.run_for(200_ms);
    EXPECT_FALSE(chatter(world, 1).disconnected.empty());
}

TEST(Network, MessagesInFlightToANodeThatCrashesAreLostEvenAfterRestart) {
    WorldOptions options = jittery(1);
    options.network.jitter_ns = 0;
    options.network.one_way_latency_ns_mean = 5_ms;
    World world(options);
    add_chatters(world, {1, 2}, 10_ms);
    world.run_until(12_ms);  // node 1's ping of t=10ms is in flight until 15ms
    world.crash(2);
    world.restart(2);
    world.run_until(16_ms);
    EXPECT_TRUE(chatter(world, 2).received[1].empty());
}

TEST(Network, LinkDelayAddsLatencyToThatLinkOnly) {
    WorldOptions options = jittery(1);
    options.network.jitter_ns = 0;
    World world(options);
    add_chatters(world, {1, 2, 3}, 10_ms);
    world.network().set_link_delay(1, 2, LinkDelay{20_ms, 0});
    world.run_for(35_ms);  // pings at 10, 20, 30ms
    EXPECT_EQ(chatter(world, 2).received[1].size(), 1u);  // 10 + 1 + 20 = 31ms
    EXPECT_EQ(chatter(world, 3).received[1].size(), 3u);
    world.network().clear_link_delays();
}

}  // namespace
}  // namespace sim
