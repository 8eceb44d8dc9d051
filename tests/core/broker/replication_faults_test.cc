// Replication under faults, as Kafka users meet it: acks=all with min.insync.replicas=2
// survives a leader crash; acks=1 loses an acknowledged record when the leader dies before
// its followers fetched; unclean election trades data for availability; power loss without
// fsync loses acknowledged data unless flush.messages=1. Each test builds a MiniCluster
// and drives faults through the World.

#include <algorithm>

#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

bool contains(const std::vector<std::string>& values, const std::string& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

std::vector<int32_t> followers_of(MiniCluster& c, const TopicPartition& tp) {
    std::vector<int32_t> out;
    for (int32_t id : c.controller_image().partition(tp)->replicas) {
        if (id != c.leader_of(tp)) out.push_back(id);
    }
    return out;
}

TEST(ReplicationFaults, AcksAllWithMinInsyncTwoSurvivesLeaderCrash) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    std::vector<std::string> acked;
    for (int i = 0; i < 10; ++i) {
        auto r = c.produce(tp, "a" + std::to_string(i), kAcksAll);
        if (r && r->responses[0].error == Error::NONE) acked.push_back("a" + std::to_string(i));
    }
    ASSERT_EQ(acked.size(), 10u);
    const int32_t old_leader = c.leader_of(tp);
    c.world().crash(old_leader);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) >= 0 && c.leader_of(tp) != old_leader; }));
    ASSERT_TRUE(c.wait_for_leader(tp));
    for (int i = 0; i < 10; ++i) {
        auto r = c.produce(tp, "b" + std::to_string(i), kAcksAll);
        if (r && r->responses[0].error == Error::NONE) acked.push_back("b" + std::to_string(i));
    }
    EXPECT_GE(acked.size(), 15u);
    std::vector<std::string> read = c.read_all(tp);
    for (const auto& v : acked) EXPECT_TRUE(contains(read, v)) << v;
}

TEST(ReplicationFaults, AcksOneLosesAnAckedRecordWhenLeaderDiesBeforeFollowersFetch) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3);
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    ASSERT_EQ(c.produce(tp, "before", kAcksAll)->responses[0].error, Error::NONE);
    const int32_t leader = c.leader_of(tp);
    for (int32_t f : followers_of(c, tp)) c.world().network().cut(leader, f);
    auto r = c.produce(tp, "lost", kAcksLeader);
    ASSERT_NE(r, nullptr);
    ASSERT_EQ(r->responses[0].error, Error::NONE);  // acknowledged by the leader alone
    c.world().crash(leader);
    c.world().network().heal_all();
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) >= 0 && c.leader_of(tp) != leader; }));
    ASSERT_TRUE(c.wait_for_leader(tp));
    std::vector<std::string> read = c.read_all(tp);
    EXPECT_TRUE(contains(read, "before"));
    EXPECT_FALSE(contains(read, "lost"));
}

// Leaves `tp` with ISR = [leader] holding a record its only follower never fetched, then
// crashes the leader.
struct OutOfSyncFollower {
    int32_t leader = -1;
    int32_t follower = -1;
};

OutOfSyncFollower crash_leader_with_out_of_sync_follower(MiniCluster& c, const TopicPartition& tp) {
    OutOfSyncFollower s;
    s.leader = c.leader_of(tp);
    s.follower = followers_of(c, tp).front();
    c.world().network().cut(s.leader, s.follower);
    // A follower at the leader's log end counts as caught up however long it is silent
    // (Kafka's isCaughtUp), so a write must move the log end first; replica.lag.time.max.ms
    // (30 s) later the leader shrinks the ISR to itself.
    EXPECT_EQ(c.produce(tp, "moves-log-end", kAcksLeader)->responses[0].error, Error::NONE);
    EXPECT_TRUE(c.run_until([&] { return c.isr_of(tp).size() == 1; }, 60 * kSecond));
    auto r = c.produce(tp, "only-on-leader", kAcksAll);
    EXPECT_EQ(r->responses[0].error, Error::NONE);
    c.world().crash(s.leader);
    c.world().network().heal_all();
    return s;
}

TEST(ReplicationFaults, UncleanElectionDisabledLeavesPartitionOffline) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 2);
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    OutOfSyncFollower s = crash_leader_with_out_of_sync_follower(c, tp);
    c.run_for(20 * kSecond);  // past broker.session.timeout.ms: the leader is fenced
    EXPECT_FALSE(c.controller_image().is_active(s.leader));
    EXPECT_EQ(c.leader_of(tp), kNoLeader);
    EXPECT_EQ(c.isr_of(tp), std::vector<int32_t>{s.leader});  // KRaft keeps the last ISR member
}

TEST(ReplicationFaults, UncleanElectionEnabledElectsOutOfSyncReplicaAndLosesAckedRecord) {
    MiniClusterOptions options;
    options.unclean_leader_election_enable = true;
    MiniCluster c(options);
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 2);
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    OutOfSyncFollower s = crash_leader_with_out_of_sync_follower(c, tp);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) == s.follower; }));
    ASSERT_TRUE(c.wait_for_leader(tp));
    EXPECT_FALSE(contains(c.read_all(tp), "only-on-leader"));
}

std::vector<std::string> values_after_power_loss(std::map<std::string, std::string> configs) {
    MiniCluster c;
    EXPECT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, std::move(configs));
    TopicPartition tp{"t", 0};
    EXPECT_TRUE(c.wait_for_leader(tp));
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(c.produce(tp, "v" + std::to_string(i), kAcksAll)->responses[0].error,
                  Error::NONE);
    }
    for (int32_t id : c.broker_ids()) c.world().power_loss(id);
    c.run_for(1 * kSecond);
    for (int32_t id : c.broker_ids()) c.world().restart(id);
    EXPECT_TRUE(c.wait_for_brokers(60 * kSecond));
    EXPECT_TRUE(c.wait_for_leader(tp, 60 * kSecond));
    return c.read_all(tp);
}

TEST(ReplicationFaults, PowerLossOfAllReplicasWithoutFsyncLosesAckedRecords) {
    std::vector<std::string> read = values_after_power_loss({});
    EXPECT_LT(read.size(), 5u);
}

TEST(ReplicationFaults, PowerLossOfAllReplicasWithFlushMessagesOneKeepsAckedRecords) {
    std::vector<std::string> read = values_after_power_loss({{"flush.messages", "1"}});
    EXPECT_EQ(read, (std::vector<std::string>{"v0", "v1", "v2", "v3", "v4"}));
}

}  // namespace
}  // namespace kafkasim_test
