// What survives faults, shown the way Kafka users meet it: with RF=3, acks=all and
// min.insync.replicas=2 a broker crash and a broker partition lose no acknowledged
// record; acks=1 loses one when the leader dies before its followers fetch; unclean
// leader election trades the loss for availability; power loss of every replica loses
// unsynced acknowledged records unless flush.messages=1. Seed searches are bounded and
// print the seed that shows the anomaly.

#include <gtest/gtest.h>

#include <iostream>

#include "tests/core/client/durability_support.h"

namespace kafkasim::test {
namespace {

using namespace sim::literals;

const std::map<std::string, std::string> kFastIsr = {{"replica.lag.time.max.ms", "2000"}};

TEST(Durability, AcksAllWithMinIsrTwoLosesNothingAcrossACrashAndAPartition) {
    TestCluster t({.brokers = 3, .seed = 7, .broker_config = kFastIsr});
    t.create_topic("t", 3, 3, {{"min.insync.replicas", "2"}});
    ProducerHandle& p = t.producer("p", {{"acks", "all"}});
    int next = 0;
    produce_for(t, p, 2_s, 10_ms, next);
    t.broker(2).crash();
    produce_for(t, p, 5_s, 10_ms, next);
    t.broker(2).restart();
    produce_for(t, p, 5_s, 10_ms, next);
    t.isolate(3);
    produce_for(t, p, 5_s, 10_ms, next);
    t.heal();
    produce_for(t, p, 3_s, 10_ms, next);
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }, 150_s));
    ASSERT_GT(p.acked(), 1000);

    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    drain(t, c);
    EXPECT_TRUE(lost_acked(p, c).empty()) << lost_acked(p, c).size() << " acked records lost";
}

TEST(Durability, AcksOneLosesAnAckedRecordWhenTheLeaderCrashesBeforeFollowersFetch) {
    bool shown = false;
    for (uint64_t seed = 1; seed <= 20 && !shown; ++seed) {
        TestCluster t({.brokers = 3, .seed = seed, .broker_config = kFastIsr});
        t.create_topic("t", 1, 3);
        ProducerHandle& p = t.producer("p", {{"acks", "1"}, {"enable.idempotence", "false"}});
        int next = 0;
        produce_for(t, p, 1_s, 5_ms, next);
        const int64_t acked_before = p.acked();
        p.send_null_key(std::to_string(next++));
        ASSERT_TRUE(t.run_until([&] { return p.acked() > acked_before; }, 10_s));
        const int32_t leader = t.leader_of("t", 0);
        t.broker(leader).crash();  // the instant the ack arrives
        produce_for(t, p, 12_s, 50_ms, next);
        t.broker(leader).restart();
        produce_for(t, p, 3_s, 50_ms, next);
        t.run_until([&] { return p.pending() == 0; }, 60_s);
        ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
        drain(t, c);
        if (!lost_acked(p, c).empty()) {
            shown = true;
            std::cout << "acks=1 lost " << lost_acked(p, c).size()
                      << " acknowledged record(s) with seed " << seed << "\n";
        }
    }
    EXPECT_TRUE(shown) << "no seed in 1..20 lost an acks=1 record";
}

/// Leader and follower of a 2-replica partition; the follower drops out of the ISR, the
/// leader takes acknowledged writes alone and dies, and the follower comes back.
struct UncleanSetup {
    explicit UncleanSetup(bool unclean)
        : t({.brokers = 2, .seed = 5, .broker_config = kFastIsr}),
          p(nullptr) {
        t.create_topic("t", 1, 2,
                       {{"unclean.leader.election.enable", unclean ? "true" : "false"}});
        p = &t.producer("p", {{"acks", "1"}, {"enable.idempotence", "false"}});
        leader = t.leader_of("t", 0);
        follower = leader == 1 ? 2 : 1;
        int next = 0;
        produce_for(t, *p, 1_s, 20_ms, next);
        t.isolate(follower);
        // The follower falls behind only while the leader takes writes (Kafka's
        // isReplicaOutOfSync); after replica.lag.time.max.ms the ISR is the leader alone.
        produce_for(t, *p, 5_s, 20_ms, next);
        isr_after_isolation = t.isr_of("t", 0);
        produce_for(t, *p, 1_s, 20_ms, next);
        t.run_until([&] { return p->pending() == 0; }, 10_s);
        t.broker(leader).crash();
        t.heal();
        t.run_for(15_s);
    }
    TestCluster t;
    ProducerHandle* p;
    int32_t leader = -1;
    int32_t follower = -1;
    std::vector<int32_t> isr_after_isolation;
};

TEST(Durability, UncleanElectionEnabledElectsTheLaggingReplicaAndLosesAckedRecords) {
    UncleanSetup s(true);
    EXPECT_EQ(s.isr_after_isolation, std::vector<int32_t>{s.leader});
    EXPECT_EQ(s.t.leader_of("t", 0), s.follower);
    s.t.broker(s.leader).restart();
    s.t.run_for(5_s);
    ConsumerHandle& c = s.t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    drain(s.t, c);
    EXPECT_FALSE(lost_acked(*s.p, c).empty());
}

TEST(Durability, UncleanElectionDisabledKeepsThePartitionOfflineInstead) {
    UncleanSetup s(false);
    EXPECT_EQ(s.isr_after_isolation, std::vector<int32_t>{s.leader});
    EXPECT_EQ(s.t.leader_of("t", 0), -1);
    s.t.broker(s.leader).restart();
    ASSERT_TRUE(s.t.wait_for_leader("t", 0));
    ConsumerHandle& c = s.t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    drain(s.t, c);
    EXPECT_TRUE(lost_acked(*s.p, c).empty());
}

TEST(Durability, APausedLeaderLosesNoAckedRecordWithAcksAll) {
    TestCluster t({.brokers = 3, .seed = 12, .broker_config = kFastIsr});
    t.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    ProducerHandle& p = t.producer("p", {{"acks", "all"}, {"request.timeout.ms", "3000"}});
    int next = 0;
    produce_for(t, p, 1_s, 10_ms, next);
    const int32_t leader = t.leader_of("t", 0);
    t.broker(leader).pause();
    produce_for(t, p, 12_s, 10_ms, next);  // the controller fences it and moves leadership
    EXPECT_NE(t.leader_of("t", 0), leader);
    t.broker(leader).resume();
    produce_for(t, p, 3_s, 10_ms, next);
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }, 150_s));
    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    drain(t, c);
    EXPECT_GT(p.acked(), 1000);
    EXPECT_TRUE(lost_acked(p, c).empty());
}

/// Acked records missing after every replica loses power and restarts.
size_t lost_after_power_loss(std::map<std::string, std::string> topic_config) {
    TestCluster t({.brokers = 3, .seed = 9});
    t.create_topic("t", 1, 3, std::move(topic_config));
    ProducerHandle& p = t.producer("p", {{"acks", "all"}});
    int next = 0;
    produce_for(t, p, 1_s, 20_ms, next);
    t.run_until([&] { return p.pending() == 0; }, 10_s);
    for (int32_t id : t.broker_ids()) t.broker(id).power_loss();
    t.run_for(1_s);
    for (int32_t id : t.broker_ids()) t.broker(id).restart();
    EXPECT_TRUE(t.wait_for_leader("t", 0, 60_s));
    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    drain(t, c);
    EXPECT_GT(p.acked(), 10);
    return lost_acked(p, c).size();
}

TEST(Durability, PowerLossOfEveryReplicaLosesAckedRecordsWithoutFsync) {
    EXPECT_GT(lost_after_power_loss({}), 0u);
}

TEST(Durability, PowerLossLosesNothingWithFlushMessagesOne) {
    EXPECT_EQ(lost_after_power_loss({{"flush.messages", "1"}}), 0u);
}

}  // namespace
}  // namespace kafkasim::test
