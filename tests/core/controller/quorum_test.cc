// The controller as a Raft quorum of three (dedicated controller nodes on the "raft"
// helper's RaftNode): brokers join through whichever controller is active, the Kafka
// behaviour of a single controller holds, a crash of the active controller elects another
// that keeps serving brokers and admin requests, and a partition leader cut from the whole
// quorum is fenced and replaced without two brokers acknowledging writes in one epoch.

#include <algorithm>

#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

MiniClusterOptions quorum_of_three(uint64_t seed = 1) {
    MiniClusterOptions options;
    options.controllers = 3;
    options.seed = seed;
    return options;
}

TEST(Quorum, BrokersJoinAndTopicsWorkWithThreeControllers) {
    MiniCluster c(quorum_of_three());
    ASSERT_TRUE(c.wait_for_brokers());
    EXPECT_GE(c.active_controller(), 3001);
    auto created = c.create_topic("t", 2, 3, {{"min.insync.replicas", "2"}});
    ASSERT_NE(created, nullptr);
    EXPECT_EQ(created->topics[0].error, Error::NONE);
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    EXPECT_EQ(c.produce(tp, "x", kAcksAll)->responses[0].error, Error::NONE);
    EXPECT_EQ(c.read_all(tp), std::vector<std::string>{"x"});
}

TEST(Quorum, ActiveControllerCrashElectsAnotherAndClusterKeepsWorking) {
    MiniCluster c(quorum_of_three());
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    c.run_for(1 * kSecond);  // followers learn the commit index (the test reads their image)
    const int32_t first = c.active_controller();
    c.world().crash(first);
    EXPECT_EQ(c.produce(tp, "during-election", kAcksAll)->responses[0].error, Error::NONE);
    ASSERT_TRUE(c.run_until([&] {
        int32_t active = c.active_controller();
        return active >= 0 && active != first;
    }));
    auto created = c.create_topic("after", 1, 3);
    ASSERT_NE(created, nullptr);
    EXPECT_EQ(created->topics[0].error, Error::NONE);
    EXPECT_TRUE(c.wait_for_leader({"after", 0}));
    // A broker crash is still noticed: the new active controller fences it.
    const int32_t leader = c.leader_of(tp);
    c.world().crash(leader);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) >= 0 && c.leader_of(tp) != leader; }));
    ASSERT_TRUE(c.wait_for_leader(tp));
    std::vector<std::string> read = c.read_all(tp);
    EXPECT_EQ(std::count(read.begin(), read.end(), "during-election"), 1);
}

TEST(Quorum, LeaderCutFromTheQuorumIsReplacedAndCannotAckAcksAll) {
    MiniCluster c(quorum_of_three());
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    const int32_t old_leader = c.leader_of(tp);
    for (int32_t controller : c.controller_ids()) c.world().network().cut(old_leader, controller);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) != old_leader; }, 20 * kSecond));
    ASSERT_TRUE(c.wait_for_leader(tp));
    c.run_for(2 * kSecond);
    auto stale = c.produce(tp, "stale", kAcksAll, old_leader);
    EXPECT_NE(stale->responses[0].error, Error::NONE);
    EXPECT_EQ(c.produce(tp, "fresh", kAcksAll)->responses[0].error, Error::NONE);
    c.world().network().heal_all();
    c.run_for(15 * kSecond);
    std::vector<std::string> read = c.read_all(tp);
    EXPECT_EQ(std::count(read.begin(), read.end(), "stale"), 0);
    EXPECT_EQ(std::count(read.begin(), read.end(), "fresh"), 1);
}

}  // namespace
}  // namespace kafkasim_test
