// The consumer against scripted brokers: a new assignment resets by auto.offset.reset
// through ListOffsets to the leader; fetches carry the position and the leader epoch;
// poll hands out records in offset order and moves the position; OFFSET_OUT_OF_RANGE
// resets; NOT_LEADER_OR_FOLLOWER refreshes metadata; seek wins over an in-flight reset;
// reset policy none reports an error instead of guessing.

#include "core/client/consumer.h"

#include <gtest/gtest.h>

#include "core/protocol/fetch.h"
#include "core/protocol/list_offsets.h"
#include "core/protocol/metadata.h"
#include "tests/core/client/cluster_fixture.h"
#include "tests/core/client/fake_env.h"

namespace core::client {
namespace {

using protocol::Error;
using sim::kMillisecond;
using testing::FakeEnv;
using testing::reply_to;

struct ConsumerTest : ::testing::Test {
    FakeEnv env;
    std::unique_ptr<Consumer> consumer;
    TopicPartition tp{"t", 0};

    void make(OffsetResetStrategy reset) {
        ConsumerOptions options;
        options.bootstrap_servers = {1};
        options.auto_offset_reset = reset;
        consumer = std::make_unique<Consumer>(env, options);
        consumer->assign({tp});
        step();
        for (auto& [to, request] : env.take<protocol::MetadataRequest>()) {
            auto response = testing::metadata_response("t", {2}, 4);
            response->correlation_id = request->correlation_id;
            consumer->on_message(to, response);
        }
        step();
    }
    void step(sim::Duration by = kMillisecond) { env.advance_to(env.now() + by); }
    void answer_list_offsets(Offset offset, int64_t expect_timestamp) {
        auto requests = env.take<protocol::ListOffsetsRequest>();
        ASSERT_EQ(requests.size(), 1u);
        EXPECT_EQ(requests[0].first, 2);
        EXPECT_EQ(requests[0].second->partitions[0].timestamp, expect_timestamp);
        auto response = reply_to<protocol::ListOffsetsResponse>(*requests[0].second);
        response->responses.push_back({tp, Error::NONE, -1, offset, 4});
        consumer->on_message(2, response);
        step();
    }
    void answer_fetch(Error error, Offset base, int count) {
        auto requests = env.take<protocol::FetchRequest>();
        ASSERT_EQ(requests.size(), 1u);
        auto response = reply_to<protocol::FetchResponse>(*requests[0].second);
        protocol::FetchablePartitionResponse r;
        r.topic_partition = tp;
        r.error = error;
        r.high_watermark = base + count;
        if (count > 0) {
            protocol::RecordBatch batch;
            batch.base_offset = base;
            for (int i = 0; i < count; ++i) {
                protocol::Record record;
                record.value = "v" + std::to_string(base + i);
                batch.records.push_back(record);
            }
            r.records.push_back(batch);
        }
        response->responses.push_back(r);
        consumer->on_message(2, response);
        step();
    }
};

TEST_F(ConsumerTest, EarliestResetThenFetchFromTheLeaderWithItsEpoch) {
    make(OffsetResetStrategy::Earliest);
    EXPECT_FALSE(consumer->position(tp).has_value());
    answer_list_offsets(5, protocol::kEarliestTimestamp);
    EXPECT_EQ(consumer->position(tp), 5);
    auto fetches = env.take<protocol::FetchRequest>();
    ASSERT_EQ(fetches.size(), 1u);
    EXPECT_EQ(fetches[0].first, 2);
    EXPECT_EQ(fetches[0].second->partitions[0].fetch_offset, 5);
    EXPECT_EQ(fetches[0].second->partitions[0].current_leader_epoch, 4);
}

TEST_F(ConsumerTest, PollReturnsRecordsInOffsetOrderAndAdvancesThePosition) {
    make(OffsetResetStrategy::Latest);
    answer_list_offsets(10, protocol::kLatestTimestamp);
    answer_fetch(Error::NONE, 10, 3);
    std::vector<ConsumerRecord> records = consumer->poll();
    ASSERT_EQ(records.size(), 3u);
    for (size_t i = 0; i < records.size(); ++i) EXPECT_EQ(records[i].offset, 10 + (int64_t)i);
    EXPECT_EQ(consumer->position(tp), 13);
    step();
    auto next = env.take<protocol::FetchRequest>();
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].second->partitions[0].fetch_offset, 13);
}

TEST_F(ConsumerTest, OffsetOutOfRangeResetsByThePolicy) {
    make(OffsetResetStrategy::Earliest);
    answer_list_offsets(0, protocol::kEarliestTimestamp);
    answer_fetch(Error::OFFSET_OUT_OF_RANGE, 0, 0);
    EXPECT_FALSE(consumer->position(tp).has_value());
    answer_list_offsets(7, protocol::kEarliestTimestamp);
    EXPECT_EQ(consumer->position(tp), 7);
}

TEST_F(ConsumerTest, ResetPolicyNoneReportsAnErrorInsteadOfResetting) {
    make(OffsetResetStrategy::None);
    EXPECT_TRUE(env.take<protocol::ListOffsetsRequest>().empty());
    auto errors = consumer->take_errors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, "Undefined offset with no reset policy for partitions: [t-0]");
    consumer->seek(tp, 3);
    step();
    EXPECT_EQ(env.take<protocol::FetchRequest>().size(), 1u);
}

TEST_F(ConsumerTest, NotLeaderRefreshesMetadataAndFollowsTheNewLeader) {
    make(OffsetResetStrategy::Earliest);
    answer_list_offsets(0, protocol::kEarliestTimestamp);
    step(200 * kMillisecond);
    answer_fetch(Error::NOT_LEADER_OR_FOLLOWER, 0, 0);
    auto refresh = env.take<protocol::MetadataRequest>();
    ASSERT_EQ(refresh.size(), 1u);
    auto response = testing::metadata_response("t", {3}, 5);
    response->correlation_id = refresh[0].second->correlation_id;
    consumer->on_message(refresh[0].first, response);
    step(200 * kMillisecond);
    auto fetches = env.take<protocol::FetchRequest>();
    ASSERT_EQ(fetches.size(), 1u);
    EXPECT_EQ(fetches[0].first, 3);
    EXPECT_EQ(fetches[0].second->partitions[0].current_leader_epoch, 5);
}

TEST_F(ConsumerTest, ASeekDuringAResetWins) {
    make(OffsetResetStrategy::Latest);
    consumer->seek(tp, 42);
    answer_list_offsets(100, protocol::kLatestTimestamp);
    EXPECT_EQ(consumer->position(tp), 42);
}

}  // namespace
}  // namespace core::client
