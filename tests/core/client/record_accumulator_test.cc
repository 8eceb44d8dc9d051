// The producer's accumulator as Kafka's RecordAccumulator behaves: records share a batch
// until batch.size, a batch is ready when full or after linger.ms, one batch per
// partition is drained per request, retries go back in sequence order and wait
// retry.backoff.ms, and batches past delivery.timeout.ms expire.

#include "core/client/record_accumulator.h"

#include <gtest/gtest.h>

#include "core/client/metadata_cache.h"
#include "core/client/network_client.h"
#include "tests/core/client/cluster_fixture.h"
#include "tests/core/client/fake_env.h"

namespace core::client {
namespace {

using sim::kMillisecond;
using testing::FakeEnv;

struct AccumulatorTest : ::testing::Test {
    FakeEnv env;
    NetworkClient network{env, 30 * sim::kSecond};
    MetadataCache metadata{network, {1}, {}};
    AccumulatorOptions options{.batch_size = 250, .linger = 10 * kMillisecond};

    AccumulatorTest() { metadata.update(*testing::metadata_response("t", {1, 2, 1})); }

    static protocol::Record record(std::string value) {
        protocol::Record r;
        r.value = std::move(value);
        return r;
    }
    static SendCallback ignore() {
        return [](const RecordMetadata&, protocol::Error, const std::string&) {};
    }
};

TEST_F(AccumulatorTest, RecordsShareABatchUntilBatchSizeIsReached) {
    RecordAccumulator accumulator(options);
    auto first = accumulator.append({"t", 0}, record(std::string(50, 'a')), ignore(), 0);
    auto second = accumulator.append({"t", 0}, record(std::string(50, 'b')), ignore(), 0);
    EXPECT_TRUE(first.new_batch);
    EXPECT_FALSE(second.new_batch);
    EXPECT_EQ(accumulator.batch_count(), 1u);
    auto third = accumulator.append({"t", 0}, record(std::string(80, 'c')), ignore(), 0);
    EXPECT_TRUE(third.new_batch);
    EXPECT_TRUE(third.batch_full);
    EXPECT_EQ(accumulator.batch_count(), 2u);
}

TEST_F(AccumulatorTest, ABatchIsReadyOnlyAfterLingerUnlessFull) {
    RecordAccumulator accumulator(options);
    accumulator.append({"t", 0}, record("x"), ignore(), 0);
    ReadyCheck early = accumulator.ready(metadata, 5 * kMillisecond);
    EXPECT_TRUE(early.ready_nodes.empty());
    EXPECT_EQ(early.next_ready_time, 10 * kMillisecond);
    ReadyCheck late = accumulator.ready(metadata, 10 * kMillisecond);
    EXPECT_EQ(late.ready_nodes, std::set<sim::NodeId>{1});
}

TEST_F(AccumulatorTest, FlushMakesEveryBatchReadyAtOnce) {
    RecordAccumulator accumulator(options);
    accumulator.append({"t", 1}, record("x"), ignore(), 0);
    accumulator.begin_flush();
    EXPECT_EQ(accumulator.ready(metadata, 0).ready_nodes, std::set<sim::NodeId>{2});
}

TEST_F(AccumulatorTest, DrainTakesOneBatchPerPartitionOfTheNode) {
    RecordAccumulator accumulator(options);
    for (int i = 0; i < 3; ++i) {
        accumulator.append({"t", 0}, record(std::string(150, 'a')), ignore(), 0);
    }
    accumulator.append({"t", 2}, record("b"), ignore(), 0);
    auto drained = accumulator.drain(metadata, {1}, 20 * kMillisecond, nullptr, nullptr);
    ASSERT_EQ(drained[1].size(), 2u);
    EXPECT_EQ(accumulator.batch_count(), 2u);
    EXPECT_TRUE(drained[1][0]->closed);
}

TEST_F(AccumulatorTest, RetriedBatchesGoBackInSequenceOrderAndWaitTheBackoff) {
    RecordAccumulator accumulator(options);
    for (int seq : {5, 0}) {
        auto batch = std::make_unique<ProducerBatch>();
        batch->topic_partition = {"t", 0};
        batch->records.push_back(record("r"));
        batch->callbacks.push_back(ignore());
        batch->base_sequence = seq;
        batch->closed = true;
        accumulator.reenqueue(std::move(batch), 0);
    }
    EXPECT_TRUE(accumulator.ready(metadata, 50 * kMillisecond).ready_nodes.empty());
    auto drained = accumulator.drain(metadata, {1}, 100 * kMillisecond, nullptr, nullptr);
    ASSERT_EQ(drained[1].size(), 1u);
    EXPECT_EQ(drained[1][0]->base_sequence, 0);
    EXPECT_EQ(drained[1][0]->attempts, 1);
}

TEST_F(AccumulatorTest, BatchesPastTheDeliveryTimeoutExpire) {
    RecordAccumulator accumulator(options);
    accumulator.append({"t", 0}, record("old"), ignore(), 0);
    accumulator.append({"t", 1}, record("new"), ignore(), 100 * kMillisecond);
    auto expired = accumulator.expired_batches(120 * kMillisecond, 150 * kMillisecond);
    ASSERT_EQ(expired.size(), 1u);
    EXPECT_EQ(expired[0]->records[0].value, "old");
    EXPECT_EQ(accumulator.batch_count(), 1u);
}

TEST_F(AccumulatorTest, PartitionsWithoutALeaderAskForAMetadataRefresh) {
    metadata.update(*testing::metadata_response("t", {1, -1, 1}, 1));
    RecordAccumulator accumulator(options);
    accumulator.append({"t", 1}, record("x"), ignore(), 0);
    ReadyCheck check = accumulator.ready(metadata, sim::kSecond);
    EXPECT_TRUE(check.unknown_leader);
    EXPECT_TRUE(check.ready_nodes.empty());
}

}  // namespace
}  // namespace core::client
