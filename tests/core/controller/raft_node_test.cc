// RaftNode in a World of 3 voters, one behaviour a test: election and replication,
// pre-vote shielding a healthy leader from a rejoining node, check-quorum resignation of
// an isolated leader, snapshot catch-up of a lagging follower, and durability of committed
// entries across power loss of every node. The QuorumChecker watches every test for
// Election Safety and State Machine Safety.

#include <gtest/gtest.h>

#include "tests/core/controller/raft_cluster.h"

namespace core::controller::testing {
namespace {

using namespace sim::literals;

RaftConfig default_config() { return RaftConfig{}; }

void propose_many(RaftCluster& cluster, sim::NodeId leader, int count) {
    for (int i = 0; i < count; ++i) {
        ASSERT_TRUE(cluster.raft(leader)->propose("entry-" + std::to_string(i)).has_value());
        cluster.world().run_for(5_ms);
    }
}

TEST(RaftNode, ElectsOneLeaderAndEveryVoterAppliesTheSameEntries) {
    RaftCluster cluster(1, 3, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    propose_many(cluster, *leader, 20);
    cluster.world().run_for(1_s);
    const int64_t commit = cluster.raft(*leader)->commit_index();
    EXPECT_EQ(commit, cluster.raft(*leader)->last_index());
    for (sim::NodeId id : cluster.ids()) {
        EXPECT_EQ(cluster.raft(id)->commit_index(), commit);
        EXPECT_EQ(cluster.state_machine(id)->count, 20);
        EXPECT_EQ(cluster.state_machine(id)->hash, cluster.state_machine(*leader)->hash);
        EXPECT_EQ(cluster.raft(id)->leader(), leader);
    }
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, ProposeIsRefusedByAFollower) {
    RaftCluster cluster(2, 3, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    const sim::NodeId follower = *leader == 1 ? 2 : 1;
    EXPECT_FALSE(cluster.raft(follower)->propose("x").has_value());
}

TEST(RaftNode, PreVoteKeepsARejoiningNodeFromDeposingAHealthyLeader) {
    RaftCluster cluster(3, 3, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    const int64_t epoch = cluster.raft(*leader)->epoch();
    const sim::NodeId loner = *leader == 3 ? 2 : 3;
    cluster.isolate(loner);
    cluster.world().run_for(10_s);  // many election timeouts for the loner
    EXPECT_EQ(cluster.raft(loner)->epoch(), epoch);  // pre-votes lost: no epoch bump
    cluster.world().network().heal_all();
    cluster.world().run_for(5_s);
    EXPECT_TRUE(cluster.raft(*leader)->is_leader());
    EXPECT_EQ(cluster.raft(*leader)->epoch(), epoch);
    EXPECT_EQ(cluster.raft(loner)->leader(), leader);
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, PreVoteKeepsANodeThatCannotHearTheLeaderFromDeposingIt) {
    RaftCluster cluster(11, 3, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    const int64_t epoch = cluster.raft(*leader)->epoch();
    const sim::NodeId deaf = *leader == 3 ? 2 : 3;
    // The deaf node reaches everyone but never hears the leader, so it keeps timing out
    // and asking for pre-votes; its log is as long as anyone's. Voters that hear the
    // leader refuse, so the epoch never moves.
    cluster.world().network().cut_one_way(*leader, deaf);
    cluster.world().run_for(10_s);
    EXPECT_TRUE(cluster.raft(*leader)->is_leader());
    EXPECT_EQ(cluster.raft(*leader)->epoch(), epoch);
    EXPECT_EQ(cluster.raft(deaf)->epoch(), epoch);
    const auto& probes = cluster.world().find_node(*leader)->probes();
    EXPECT_GT(probes.count("raft-pre-vote-refused-leader-alive"), 0u);
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, IsolatedLeaderResignsAndTheMajorityElectsANewOne) {
    RaftCluster cluster(4, 3, default_config());
    const auto old_leader = cluster.await_leader(5_s);
    ASSERT_TRUE(old_leader.has_value());
    const int64_t epoch = cluster.raft(*old_leader)->epoch();
    cluster.isolate(*old_leader);
    // Check-quorum runs every fetch timeout (2 s): resignation within two of them.
    cluster.world().run_for(4_s + 100_ms);
    EXPECT_FALSE(cluster.raft(*old_leader)->is_leader());
    const auto new_leader = cluster.leader();
    ASSERT_TRUE(new_leader.has_value());
    EXPECT_NE(*new_leader, *old_leader);
    EXPECT_GT(cluster.raft(*new_leader)->epoch(), epoch);
    // The old leader cannot have committed anything alone.
    EXPECT_EQ(cluster.raft(*old_leader)->propose("lost"), std::nullopt);
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, SnapshotFromTheLeaderCatchesUpALaggingFollower) {
    RaftConfig config = default_config();
    config.snapshot_threshold_entries = 20;
    RaftCluster cluster(5, 3, config);
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    const sim::NodeId lagging = *leader == 3 ? 2 : 3;
    cluster.world().crash(lagging);
    propose_many(cluster, *leader, 100);
    cluster.world().run_for(500_ms);
    ASSERT_GT(cluster.raft(*leader)->snapshot_index(), 50);
    cluster.world().restart(lagging);
    cluster.world().run_for(2_s);
    EXPECT_EQ(cluster.raft(lagging)->commit_index(), cluster.raft(*leader)->commit_index());
    EXPECT_GT(cluster.raft(lagging)->snapshot_index(), 0);
    EXPECT_EQ(cluster.state_machine(lagging)->count, 100);
    EXPECT_EQ(cluster.state_machine(lagging)->hash, cluster.state_machine(*leader)->hash);
    const auto& probes = cluster.world().find_node(lagging)->probes();
    EXPECT_EQ(probes.count("raft-follower-installed-snapshot"), 1u);
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, CommittedEntriesSurvivePowerLossOfEveryVoter) {
    RaftCluster cluster(6, 3, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    propose_many(cluster, *leader, 30);
    cluster.world().run_for(200_ms);
    const int64_t committed = cluster.checker().max_committed();
    ASSERT_GE(committed, 31);
    for (sim::NodeId id : cluster.ids()) cluster.world().power_loss(id);
    for (sim::NodeId id : cluster.ids()) cluster.world().restart(id);
    const auto new_leader = cluster.await_leader(10_s);
    ASSERT_TRUE(new_leader.has_value());
    cluster.world().run_for(1_s);
    for (sim::NodeId id : cluster.ids()) {
        EXPECT_GT(cluster.raft(id)->commit_index(), committed);
        EXPECT_EQ(cluster.state_machine(id)->count, 30);
    }
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, EveryVoterHearsOfTheLeaderAndTheLeaderBecomesReadyOnceItsEpochCommits) {
    RaftCluster cluster(8, 3, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_TRUE(leader.has_value());
    cluster.world().run_for(100_ms);
    EXPECT_TRUE(cluster.raft(*leader)->is_leader_ready());
    for (sim::NodeId id : cluster.ids()) {
        EXPECT_EQ(cluster.state_machine(id)->leader, leader);
        EXPECT_EQ(cluster.state_machine(id)->leader_epoch, cluster.raft(*leader)->epoch());
    }
    cluster.isolate(*leader);
    ASSERT_TRUE(cluster.raft(*leader)->propose("uncommittable").has_value());
    cluster.world().run_for(1_s);
    EXPECT_TRUE(cluster.raft(*leader)->is_leader_ready());  // still this epoch's leader
}

TEST(RaftNode, PausedLeaderStepsDownAfterResumingIntoANewerEpoch) {
    RaftCluster cluster(9, 3, default_config());
    const auto old_leader = cluster.await_leader(5_s);
    ASSERT_TRUE(old_leader.has_value());
    cluster.world().pause(*old_leader);
    cluster.world().run_for(5_s);
    const auto new_leader = cluster.leader();
    ASSERT_TRUE(new_leader.has_value());
    ASSERT_NE(*new_leader, *old_leader);
    EXPECT_TRUE(cluster.raft(*old_leader)->is_leader());  // it has not noticed yet
    cluster.world().resume(*old_leader);
    cluster.world().run_for(500_ms);
    EXPECT_FALSE(cluster.raft(*old_leader)->is_leader());
    EXPECT_EQ(cluster.raft(*old_leader)->leader(), new_leader);
    EXPECT_EQ(cluster.checker().violations, 0);
}

TEST(RaftNode, SameSeedGivesTheSameRun) {
    uint64_t hashes[2] = {0, 0};
    for (uint64_t& hash : hashes) {
        RaftCluster cluster(10, 5, default_config());
        const auto leader = cluster.await_leader(5_s);
        ASSERT_TRUE(leader.has_value());
        propose_many(cluster, *leader, 10);
        cluster.world().crash(*leader);
        cluster.world().run_for(5_s);
        hash = cluster.world().trace_hash();
    }
    EXPECT_EQ(hashes[0], hashes[1]);
}

TEST(RaftNode, SingleVoterLeadsAndCommitsAlone) {
    RaftCluster cluster(7, 1, default_config());
    const auto leader = cluster.await_leader(5_s);
    ASSERT_EQ(leader, std::optional<sim::NodeId>(1));
    const auto index = cluster.raft(1)->propose("alone");
    ASSERT_TRUE(index.has_value());
    EXPECT_LT(cluster.raft(1)->commit_index(), *index);  // its own fsync is still running
    cluster.world().run_for(5_ms);
    EXPECT_EQ(cluster.raft(1)->commit_index(), *index);
}

}  // namespace
}  // namespace core::controller::testing
