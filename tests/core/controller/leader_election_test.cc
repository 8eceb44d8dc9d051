// Partition leader election as KRaft does it: the first live ISR member in replica order;
// an unclean election only when enabled, making the new leader the whole ISR; otherwise
// the partition goes offline keeping its ISR. The image then bumps the leader epoch on
// every leader change and the partition epoch on every change.

#include "core/controller/leader_election.h"

#include <gtest/gtest.h>

#include <set>

#include "core/controller/metadata_image.h"

namespace core::controller {
namespace {

PartitionRegistration partition(std::vector<int32_t> replicas, std::vector<int32_t> isr,
                                int32_t leader) {
    PartitionRegistration p;
    p.replicas = std::move(replicas);
    p.isr = std::move(isr);
    p.leader = leader;
    return p;
}

IsActive alive(std::set<int32_t> ids) {
    return [ids](int32_t id) { return ids.count(id) != 0; };
}

TEST(LeaderElection, CleanElectionPicksFirstLiveIsrMemberInReplicaOrder) {
    auto p = partition({1, 2, 3}, {3, 2}, 1);
    auto change = build_partition_change(7, 0, p, {3, 2}, alive({2, 3}), false);
    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->leader, 2);
}

TEST(LeaderElection, LiveLeaderInIsrIsKept) {
    auto p = partition({1, 2, 3}, {1, 2, 3}, 2);
    ElectionResult r = elect_leader(p, {1, 2}, alive({1, 2}), false);
    EXPECT_EQ(r.leader, 2);
}

TEST(LeaderElection, NoLiveIsrMemberWithoutUncleanLeavesPartitionOfflineKeepingIsr) {
    auto p = partition({1, 2}, {1}, 1);
    auto change = build_partition_change(7, 0, p, {}, alive({2}), false);
    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->leader, protocol::kNoLeader);
    EXPECT_FALSE(change->isr.has_value());  // ISR stays {1}
}

TEST(LeaderElection, UncleanElectionPicksLiveOutOfSyncReplicaAsWholeIsr) {
    auto p = partition({1, 2}, {1}, 1);
    auto change = build_partition_change(7, 0, p, {}, alive({2}), true);
    ASSERT_TRUE(change.has_value());
    EXPECT_EQ(change->leader, 2);
    EXPECT_EQ(change->isr, std::vector<int32_t>{2});
}

TEST(LeaderElection, NothingToChangeGivesNoRecord) {
    auto p = partition({1, 2}, {1, 2}, 1);
    EXPECT_FALSE(build_partition_change(7, 0, p, {1, 2}, alive({1, 2}), false).has_value());
}

TEST(LeaderElection, ImageBumpsLeaderEpochOnLeaderChangeAndPartitionEpochOnEveryChange) {
    MetadataImage image;
    int64_t offset = 0;
    image.apply(offset++, protocol::TopicRecord{"t", 7}, nullptr);
    protocol::PartitionRecord record;
    record.topic_id = 7;
    record.replicas = {1, 2};
    record.isr = {1, 2};
    record.leader = 1;
    image.apply(offset++, record, nullptr);
    protocol::PartitionChangeRecord shrink;
    shrink.topic_id = 7;
    shrink.isr = std::vector<int32_t>{1};
    image.apply(offset++, shrink, nullptr);
    const PartitionRegistration* p = image.partition({"t", 0});
    EXPECT_EQ(p->leader_epoch, 0);
    EXPECT_EQ(p->partition_epoch, 1);
    protocol::PartitionChangeRecord move;
    move.topic_id = 7;
    move.leader = 2;
    image.apply(offset++, move, nullptr);
    EXPECT_EQ(p->leader_epoch, 1);
    EXPECT_EQ(p->partition_epoch, 2);
}

}  // namespace
}  // namespace core::controller
