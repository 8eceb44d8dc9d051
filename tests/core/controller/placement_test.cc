// Replica placement follows Kafka's rack-unaware AdminUtils assignment: leaders walk the
// sorted brokers round-robin from a start index, followers sit at a shift from the leader,
// no partition holds a broker twice, and too few brokers gives Kafka's exact message.

#include "core/controller/placement.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace core::controller {
namespace {

TEST(Placement, FixedStartAndShiftReproduceKafkasAssignment) {
    sim::Rng rng(1);
    // Kafka's AdminUtilsTest: brokers 0..4, 10 partitions, RF 3, start 0, shift 0.
    PlacementResult r = assign_replicas({0, 1, 2, 3, 4}, 10, 3, rng, 0, 0);
    ASSERT_EQ(r.error, protocol::Error::NONE);
    std::map<int32_t, std::vector<int32_t>> expected{
        {0, {0, 1, 2}}, {1, {1, 2, 3}}, {2, {2, 3, 4}}, {3, {3, 4, 0}}, {4, {4, 0, 1}},
        {5, {0, 2, 3}}, {6, {1, 3, 4}}, {7, {2, 4, 0}}, {8, {3, 0, 1}}, {9, {4, 1, 2}}};
    EXPECT_EQ(r.assignment, expected);
}

TEST(Placement, LeadersSpreadEvenlyAndReplicasAreDistinct) {
    sim::Rng rng(42);
    PlacementResult r = assign_replicas({103, 101, 102}, 9, 3, rng);
    ASSERT_EQ(r.error, protocol::Error::NONE);
    std::map<int32_t, int> leaders;
    for (const auto& [partition, replicas] : r.assignment) {
        leaders[replicas.front()] += 1;
        EXPECT_EQ(std::set<int32_t>(replicas.begin(), replicas.end()).size(), 3u);
    }
    EXPECT_EQ(leaders, (std::map<int32_t, int>{{101, 3}, {102, 3}, {103, 3}}));
}

TEST(Placement, ReplicationFactorAboveBrokerCountFailsWithKafkasWording) {
    sim::Rng rng(1);
    PlacementResult r = assign_replicas({1}, 3, 2, rng);
    EXPECT_EQ(r.error, protocol::Error::INVALID_REPLICATION_FACTOR);
    EXPECT_EQ(r.error_message, "Replication factor: 2 larger than available brokers: 1.");
}

TEST(Placement, ZeroPartitionsIsInvalid) {
    sim::Rng rng(1);
    PlacementResult r = assign_replicas({1, 2}, 0, 1, rng);
    EXPECT_EQ(r.error, protocol::Error::INVALID_PARTITIONS);
    EXPECT_EQ(r.error_message, "Number of partitions must be larger than 0.");
}

TEST(Placement, SameSeedGivesSameAssignment) {
    sim::Rng a(7);
    sim::Rng b(7);
    EXPECT_EQ(assign_replicas({1, 2, 3, 4}, 8, 2, a).assignment,
              assign_replicas({1, 2, 3, 4}, 8, 2, b).assignment);
}

}  // namespace
}  // namespace core::controller
