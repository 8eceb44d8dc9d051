// The producer against scripted brokers: idempotence asks for a producer id first and
// numbers each partition's batches from 0; a retried batch keeps its sequence; a
// NOT_LEADER_OR_FOLLOWER answer refreshes metadata and resends to the new leader;
// acks=0 completes at send with offset -1; delivery.timeout.ms fails a stuck batch.

#include "core/client/producer.h"

#include <gtest/gtest.h>

#include "core/protocol/init_producer_id.h"
#include "core/protocol/metadata.h"
#include "core/protocol/produce.h"
#include "tests/core/client/cluster_fixture.h"
#include "tests/core/client/fake_env.h"

namespace core::client {
namespace {

using protocol::Error;
using sim::kMillisecond;
using testing::FakeEnv;
using testing::reply_to;

struct Outcome {
    RecordMetadata metadata;
    Error error = Error::NONE;
    std::string message;
};

struct ProducerTest : ::testing::Test {
    FakeEnv env;
    std::vector<Outcome> outcomes;

    std::unique_ptr<Producer> make(ProducerOptions options) {
        options.bootstrap_servers = {1};
        auto producer = std::make_unique<Producer>(env, 0, options);
        return producer;
    }
    void send(Producer& producer, int32_t partition, std::string value) {
        producer.send({"t", partition, false, "", std::move(value)},
                      [this](const RecordMetadata& m, Error e, const std::string& text) {
                          outcomes.push_back({m, e, text});
                      });
    }
    void step(Producer& producer, sim::Duration by = kMillisecond) {
        env.advance_to(env.now() + by, [&](uint64_t tag) { producer.on_timer(tag); });
    }
    void answer_metadata(Producer& producer, std::vector<int32_t> leaders, int32_t epoch) {
        for (auto& [to, request] : env.take<protocol::MetadataRequest>()) {
            auto response = testing::metadata_response("t", leaders, epoch);
            response->correlation_id = request->correlation_id;
            producer.on_message(to, response);
        }
    }
    void answer_producer_id(Producer& producer) {
        for (auto& [to, request] : env.take<protocol::InitProducerIdRequest>()) {
            auto response = reply_to<protocol::InitProducerIdResponse>(*request);
            response->producer_id = 9;
            response->producer_epoch = 0;
            producer.on_message(to, response);
        }
    }
    void answer_produce(Producer& producer, sim::NodeId node,
                        const protocol::ProduceRequest& request, Error error, Offset offset) {
        auto response = reply_to<protocol::ProduceResponse>(request);
        for (const auto& p : request.partitions) {
            response->responses.push_back({p.topic_partition, error, offset, -1, 0, ""});
        }
        producer.on_message(node, response);
    }
};

TEST_F(ProducerTest, IdempotentBatchesAreNumberedFromZeroAfterInitProducerId) {
    auto producer = make({});
    send(*producer, 0, "a");
    step(*producer);
    answer_metadata(*producer, {1}, 0);
    step(*producer);
    EXPECT_TRUE(env.take<protocol::ProduceRequest>().empty());  // no producer id yet
    answer_producer_id(*producer);
    step(*producer);
    auto produced = env.take<protocol::ProduceRequest>();
    ASSERT_EQ(produced.size(), 1u);
    const protocol::RecordBatch& batch = produced[0].second->partitions[0].records;
    EXPECT_EQ(batch.producer_id, 9);
    EXPECT_EQ(batch.base_sequence, 0);
    answer_produce(*producer, 1, *produced[0].second, Error::NONE, 0);
    send(*producer, 0, "b");
    step(*producer);
    produced = env.take<protocol::ProduceRequest>();
    ASSERT_EQ(produced.size(), 1u);
    EXPECT_EQ(produced[0].second->partitions[0].records.base_sequence, 1);
}

TEST_F(ProducerTest, NotLeaderRefreshesMetadataAndRetriesWithTheSameSequence) {
    auto producer = make({});
    send(*producer, 0, "a");
    step(*producer);
    answer_metadata(*producer, {1}, 0);
    answer_producer_id(*producer);
    step(*producer);
    auto first = env.take<protocol::ProduceRequest>();
    ASSERT_EQ(first.size(), 1u);
    step(*producer, 200 * kMillisecond);  // the last metadata refresh is long past
    answer_produce(*producer, 1, *first[0].second, Error::NOT_LEADER_OR_FOLLOWER, -1);
    step(*producer);  // the refresh goes out at once; the retry waits retry.backoff.ms
    EXPECT_TRUE(env.take<protocol::ProduceRequest>().empty());
    answer_metadata(*producer, {2}, 1);
    step(*producer, 150 * kMillisecond);
    auto retry = env.take<protocol::ProduceRequest>();
    ASSERT_EQ(retry.size(), 1u);
    EXPECT_EQ(retry[0].first, 2);
    EXPECT_EQ(retry[0].second->partitions[0].records.base_sequence, 0);
    answer_produce(*producer, 2, *retry[0].second, Error::NONE, 41);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].error, Error::NONE);
    EXPECT_EQ(outcomes[0].metadata.offset, 41);
}

TEST_F(ProducerTest, AcksZeroCompletesAtSendWithOffsetMinusOne) {
    ProducerOptions options;
    options.acks = 0;
    options.enable_idempotence = false;
    auto producer = make(options);
    send(*producer, 0, "a");
    step(*producer);
    answer_metadata(*producer, {1}, 0);
    step(*producer);
    ASSERT_EQ(env.take<protocol::ProduceRequest>().size(), 1u);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].error, Error::NONE);
    EXPECT_EQ(outcomes[0].metadata.offset, kNoOffset);
}

TEST_F(ProducerTest, ABatchThatCannotBeDeliveredFailsAfterTheDeliveryTimeout) {
    ProducerOptions options;
    options.enable_idempotence = false;
    options.acks = 1;
    options.delivery_timeout = 2 * sim::kSecond;
    options.request_timeout = 1 * sim::kSecond;
    auto producer = make(options);
    send(*producer, 0, "a");
    step(*producer);
    answer_metadata(*producer, {1}, 0);
    for (int i = 0; i < 30 && outcomes.empty(); ++i) step(*producer, 100 * kMillisecond);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].error, Error::REQUEST_TIMED_OUT);
    EXPECT_NE(outcomes[0].message.find("ms has passed since batch creation"), std::string::npos);
}

TEST_F(ProducerTest, ASendToAnUnknownTopicFailsAfterMaxBlock) {
    ProducerOptions options;
    options.max_block = 500 * kMillisecond;
    auto producer = make(options);
    send(*producer, 0, "a");
    for (int i = 0; i < 10; ++i) {
        step(*producer, 100 * kMillisecond);
        for (auto& [to, request] : env.take<protocol::MetadataRequest>()) {
            auto response = reply_to<protocol::MetadataResponse>(*request);
            response->topics.push_back({Error::UNKNOWN_TOPIC_OR_PARTITION, "t", 0, false, {}});
            producer->on_message(to, response);
        }
    }
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].message, "Topic t not present in metadata after 500 ms.");
}

TEST_F(ProducerTest, ARecordPastMaxRequestSizeFailsAtSendWithRecordTooLarge) {
    ProducerOptions options;
    options.accumulator.max_request_size = 100;
    auto producer = make(options);
    send(*producer, 0, std::string(100, 'x'));  // 61 + 20 + 100 bytes serialized
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].error, Error::MESSAGE_TOO_LARGE);
    EXPECT_EQ(outcomes[0].message,
              "The message is 181 bytes when serialized which is larger than 100, which is the "
              "value of the max.request.size configuration.");
    EXPECT_EQ(protocol::exception_name(outcomes[0].error), "RecordTooLargeException");
    send(*producer, 0, std::string(19, 'x'));  // 100 bytes: fits
    EXPECT_EQ(outcomes.size(), 1u);
}

TEST_F(ProducerTest, ARecordPastBufferMemoryFailsAtSendWithRecordTooLarge) {
    ProducerOptions options;
    options.buffer_memory = 150;
    auto producer = make(options);
    send(*producer, 0, std::string(100, 'x'));
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].error, Error::MESSAGE_TOO_LARGE);
    EXPECT_EQ(outcomes[0].message,
              "The message is 181 bytes when serialized which is larger than the total memory "
              "buffer you have configured with the buffer.memory configuration.");
}

}  // namespace
}  // namespace core::client
