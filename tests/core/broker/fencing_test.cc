// The controller as the arbiter of leadership: a leader cut from the controller is fenced
// after broker.session.timeout.ms and replaced, and from then on it cannot acknowledge
// acks=all writes (no two brokers acknowledge writes for one partition in one leader
// epoch); brokers keep serving data while the controller is down; and the idempotent
// producer's retried batch is written once.

#include <algorithm>

#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

TEST(Fencing, LeaderCutFromControllerIsFencedReplacedAndStopsAckingAcksAll) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    ASSERT_EQ(c.produce(tp, "first", kAcksAll)->responses[0].error, Error::NONE);
    const int32_t old_leader = c.leader_of(tp);
    const int32_t old_epoch = c.controller_image().partition(tp)->leader_epoch;
    c.world().network().cut(old_leader, kController);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) != old_leader; }, 20 * kSecond));
    EXPECT_FALSE(c.controller_image().is_active(old_leader));
    EXPECT_GT(c.controller_image().partition(tp)->leader_epoch, old_epoch);
    ASSERT_TRUE(c.wait_for_leader(tp));
    c.run_for(2 * kSecond);  // followers learn the new epoch and leave the old leader

    // The old leader still believes it leads epoch `old_epoch`, but its ISR followers have
    // moved on: its high watermark is stuck and acks=all cannot complete.
    auto stale = c.produce(tp, "to-old-leader", kAcksAll, old_leader);
    ASSERT_NE(stale, nullptr);
    EXPECT_NE(stale->responses[0].error, Error::NONE);
    auto fresh = c.produce(tp, "to-new-leader", kAcksAll);
    ASSERT_NE(fresh, nullptr);
    EXPECT_EQ(fresh->responses[0].error, Error::NONE);

    c.world().network().heal_all();
    c.run_for(15 * kSecond);
    std::vector<std::string> read = c.read_all(tp);
    EXPECT_EQ(std::count(read.begin(), read.end(), "to-old-leader"), 0);
    EXPECT_EQ(std::count(read.begin(), read.end(), "to-new-leader"), 1);
    EXPECT_EQ(std::count(read.begin(), read.end(), "first"), 1);
}

TEST(Fencing, BrokersKeepServingDataDuringControllerOutage) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    c.world().crash(kController);
    c.run_for(5 * kSecond);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(c.produce(tp, "v" + std::to_string(i), kAcksAll)->responses[0].error,
                  Error::NONE);
    }
    EXPECT_EQ(c.read_all(tp).size(), 5u);
    c.world().restart(kController);
    ASSERT_TRUE(c.wait_for_brokers());
    EXPECT_EQ(c.produce(tp, "after", kAcksAll)->responses[0].error, Error::NONE);
    EXPECT_EQ(c.read_all(tp).size(), 6u);
}

TEST(Fencing, RetriedIdempotentBatchIsWrittenOnceAndAnswersTheOriginalOffset) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3);
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    auto init = c.call<InitProducerIdResponse>(1, std::make_shared<InitProducerIdRequest>());
    ASSERT_NE(init, nullptr);
    ASSERT_EQ(init->error, Error::NONE);
    auto send = [&](int32_t sequence, const std::string& value) {
        auto request = std::make_shared<ProduceRequest>();
        RecordBatch batch;
        batch.producer_id = init->producer_id;
        batch.producer_epoch = init->producer_epoch;
        batch.base_sequence = sequence;
        Record record;
        record.value = value;
        batch.records.push_back(record);
        request->partitions.push_back({tp, batch});
        return c.call<ProduceResponse>(c.leader_of(tp), request);
    };
    EXPECT_EQ(send(0, "a")->responses[0].base_offset, 0);
    EXPECT_EQ(send(1, "b")->responses[0].base_offset, 1);
    auto retry = send(0, "a");
    EXPECT_EQ(retry->responses[0].error, Error::NONE);
    EXPECT_EQ(retry->responses[0].base_offset, 0);
    EXPECT_EQ(send(5, "gap")->responses[0].error, Error::OUT_OF_ORDER_SEQUENCE_NUMBER);
    EXPECT_EQ(c.read_all(tp), (std::vector<std::string>{"a", "b"}));
}

TEST(Fencing, NewLeaderDedupsBatchesWrittenBeforeFailover) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
    TopicPartition tp{"t", 0};
    ASSERT_TRUE(c.wait_for_leader(tp));
    auto init = c.call<InitProducerIdResponse>(2, std::make_shared<InitProducerIdRequest>());
    ASSERT_NE(init, nullptr);
    auto request = std::make_shared<ProduceRequest>();
    RecordBatch batch;
    batch.producer_id = init->producer_id;
    batch.producer_epoch = 0;
    batch.base_sequence = 0;
    Record record;
    record.value = "once";
    batch.records.push_back(record);
    request->partitions.push_back({tp, batch});
    ASSERT_EQ(c.call<ProduceResponse>(c.leader_of(tp), request)->responses[0].error, Error::NONE);
    const int32_t old_leader = c.leader_of(tp);
    c.world().crash(old_leader);
    ASSERT_TRUE(c.run_until([&] { return c.leader_of(tp) >= 0 && c.leader_of(tp) != old_leader; }));
    ASSERT_TRUE(c.wait_for_leader(tp));
    auto retry = std::make_shared<ProduceRequest>(*request);
    auto response = c.call<ProduceResponse>(c.leader_of(tp), retry);
    ASSERT_NE(response, nullptr);
    EXPECT_EQ(response->responses[0].error, Error::NONE);
    EXPECT_EQ(response->responses[0].base_offset, 0);
    EXPECT_EQ(c.read_all(tp), std::vector<std::string>{"once"});
}

TEST(Fencing, ProducerIdsStayUniqueAcrossBrokerRestarts) {
    MiniCluster c;
    ASSERT_TRUE(c.wait_for_brokers());
    auto first = c.call<InitProducerIdResponse>(1, std::make_shared<InitProducerIdRequest>());
    c.world().crash(1);
    c.world().restart(1);
    ASSERT_TRUE(c.wait_for_brokers(60 * kSecond));
    auto second = c.call<InitProducerIdResponse>(1, std::make_shared<InitProducerIdRequest>());
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_NE(first->producer_id, second->producer_id);
}

}  // namespace
}  // namespace kafkasim_test
