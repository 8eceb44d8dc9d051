// Partition shapes and reachability: each shape, applied to a real Network, leaves exactly
// the links it promises up, and the Boost.Graph queries agree with the Network's cuts.

#include "sim/topology.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sim/network.h"
#include "sim/rng.h"
#include "sim/world.h"

namespace sim {
namespace {

const std::vector<NodeId> kFive = {1, 2, 3, 4, 5};

bool same_side(const std::vector<std::vector<NodeId>>& groups, NodeId a, NodeId b) {
    for (const auto& group : groups) {
        const bool has_a = std::find(group.begin(), group.end(), a) != group.end();
        const bool has_b = std::find(group.begin(), group.end(), b) != group.end();
        if (has_a && has_b) return true;
    }
    return false;
}

TEST(Topology, WithoutCutsEveryNodeSendsToEveryOther) {
    Topology topology(kFive, std::vector<DirectedLink>{});
    for (NodeId a : kFive) {
        for (NodeId b : kFive) EXPECT_TRUE(topology.can_send(a, b));
    }
}

TEST(Topology, IsolatedNodeNeitherSendsNorHears) {
    const Partition partition = isolate(kFive, 3);
    Topology topology(kFive, partition.cuts);
    for (NodeId other : kFive) {
        if (other == 3) continue;
        EXPECT_FALSE(topology.can_send(3, other));
        EXPECT_FALSE(topology.can_send(other, 3));
        EXPECT_FALSE(topology.reachable(other, 3));
    }
    EXPECT_EQ(topology.reachable_from(1), (std::vector<NodeId>{1, 2, 4, 5}));
    EXPECT_EQ(partition.cuts.size(), 8u);
}

TEST(Topology, HalvesTalkWithinASideAndNeverAcross) {
    Rng rng(7);
    const Partition partition = halves(kFive, rng);
    ASSERT_EQ(partition.groups.size(), 2u);
    EXPECT_EQ(partition.groups[0].size() + partition.groups[1].size(), 5u);
    EXPECT_EQ(std::min(partition.groups[0].size(), partition.groups[1].size()), 2u);
    Topology topology(kFive, partition.cuts);
    for (NodeId a : kFive) {
        for (NodeId b : kFive) {
            EXPECT_EQ(topology.can_send(a, b), same_side(partition.groups, a, b)) << a << b;
        }
    }
}

TEST(Topology, HalvesDependOnTheSeedOnly) {
    Rng first(11);
    Rng second(11);
    std::vector<NodeId> reversed(kFive.rbegin(), kFive.rend());
    EXPECT_EQ(halves(kFive, first).cuts, halves(reversed, second).cuts);
}

TEST(Topology, MajorityRingGivesEachNodeADifferentMajority) {
    Rng rng(3);
    const Partition partition = majority_ring(kFive, rng);
    Topology topology(kFive, partition.cuts);
    std::set<std::vector<NodeId>> majorities;
    for (NodeId node : kFive) {
        const std::vector<NodeId> seen = topology.sees(node);
        EXPECT_EQ(seen.size(), 3u) << node;
        majorities.insert(seen);
    }
    EXPECT_EQ(majorities.size(), 5u);
}

TEST(Topology, BridgeNodeTalksToBothSidesWhichCannotTalkDirectly) {
    Rng rng(5);
    const Partition partition = bridge(kFive, rng);
    ASSERT_EQ(partition.groups.size(), 3u);
    ASSERT_EQ(partition.groups[1].size(), 1u);
    const NodeId middle = partition.groups[1][0];
    Topology topology(kFive, partition.cuts);
    for (NodeId a : partition.groups[0]) {
        EXPECT_TRUE(topology.can_send(a, middle));
        EXPECT_TRUE(topology.can_send(middle, a));
        for (NodeId b : partition.groups[2]) {
            EXPECT_FALSE(topology.can_send(a, b));
            EXPECT_FALSE(topology.can_send(b, a));
            EXPECT_TRUE(topology.reachable(a, b));  // through the bridge
        }
    }
}

TEST(Topology, OneWayCutsOnlyTheSourcesOutboundLinks) {
    const Partition partition = one_way(kFive, 2);
    Topology topology(kFive, partition.cuts);
    for (NodeId other : kFive) {
        if (other == 2) continue;
        EXPECT_FALSE(topology.can_send(2, other));
        EXPECT_TRUE(topology.can_send(other, 2));
    }
    EXPECT_EQ(topology.reachable_from(2), (std::vector<NodeId>{2}));
}

TEST(Topology, AppliedPartitionMatchesTheNetworkAndHealsFully) {
    World world(WorldOptions{});
    Rng rng(9);
    const Partition partition = bridge(kFive, rng);
    apply_partition(world.network(), partition);
    Topology from_network(kFive, world.network());
    Topology from_cuts(kFive, partition.cuts);
    for (NodeId a : kFive) {
        for (NodeId b : kFive) EXPECT_EQ(from_network.can_send(a, b), from_cuts.can_send(a, b));
    }
    heal_partition(world.network(), partition);
    EXPECT_TRUE(world.network().cuts().empty());
}

TEST(Topology, DotExportNamesEveryNodeAndListsUpLinks) {
    const Partition partition = one_way({1, 2}, 1);
    Topology topology({1, 2}, partition.cuts);
    const std::string dot = topology.to_dot({"broker-1", "broker-2"});
    EXPECT_NE(dot.find("digraph"), std::string::npos);
    EXPECT_NE(dot.find("broker-1"), std::string::npos);
    EXPECT_NE(dot.find("1->0"), std::string::npos);
    EXPECT_EQ(dot.find("0->1"), std::string::npos);
}

}  // namespace
}  // namespace sim
