// The consumer's half of read_committed (KIP-98, Kafka's CompletedFetch): a fetch sends
// isolation.level; the transactional batches of a producer whose aborted transaction
// (from the response's aborted_transactions) began at or before them are dropped up to
// that producer's ABORT marker; committed ones and other producers' are kept; control
// batches never reach poll(); and a fetch of nothing but skipped batches moves the
// position past them so the next fetch does not return them again.

#include <gtest/gtest.h>

#include "core/client/consumer.h"
#include "core/protocol/control_record.h"
#include "core/protocol/fetch.h"
#include "core/protocol/list_offsets.h"
#include "core/protocol/metadata.h"
#include "tests/core/client/cluster_fixture.h"
#include "tests/core/client/fake_env.h"

namespace core::client {
namespace {

using protocol::ControlRecordType;
using protocol::Error;
using sim::kMillisecond;
using testing::FakeEnv;
using testing::reply_to;

protocol::RecordBatch data(int64_t producer_id, Offset base, std::vector<std::string> values) {
    protocol::RecordBatch batch;
    batch.producer_id = producer_id;
    batch.producer_epoch = 0;
    batch.base_sequence = 0;
    batch.is_transactional = true;
    batch.base_offset = base;
    for (auto& value : values) batch.records.push_back({kNoOffset, 0, false, "", value});
    return batch;
}

protocol::RecordBatch marker(int64_t producer_id, Offset offset, ControlRecordType type) {
    protocol::RecordBatch batch =
        protocol::end_transaction_marker_batch(producer_id, 0, {type, 0}, 0);
    batch.base_offset = offset;
    return batch;
}

struct ReadCommittedTest : ::testing::Test {
    FakeEnv env;
    std::unique_ptr<Consumer> consumer;
    TopicPartition tp{"t", 0};

    void SetUp() override {
        ConsumerOptions options;
        options.bootstrap_servers = {1};
        options.auto_offset_reset = OffsetResetStrategy::Earliest;
        options.read_committed = true;
        consumer = std::make_unique<Consumer>(env, options);
        consumer->assign({tp});
        step();
        for (auto& [to, request] : env.take<protocol::MetadataRequest>()) {
            auto response = testing::metadata_response("t", {2}, 4);
            response->correlation_id = request->correlation_id;
            consumer->on_message(to, response);
        }
        step();
        auto lists = env.take<protocol::ListOffsetsRequest>();
        ASSERT_EQ(lists.size(), 1u);
        auto listed = reply_to<protocol::ListOffsetsResponse>(*lists[0].second);
        listed->responses.push_back({tp, Error::NONE, -1, 0, 4});
        consumer->on_message(2, listed);
        step();
    }
    void step() { env.advance_to(env.now() + kMillisecond); }
    /// Answers the pending fetch; returns its isolation level.
    protocol::IsolationLevel answer(std::vector<protocol::RecordBatch> batches,
                                    std::vector<protocol::AbortedTransaction> aborted) {
        auto requests = env.take<protocol::FetchRequest>();
        EXPECT_EQ(requests.size(), 1u);
        if (requests.empty()) return protocol::IsolationLevel::ReadUncommitted;
        auto response = reply_to<protocol::FetchResponse>(*requests[0].second);
        protocol::FetchablePartitionResponse r;
        r.topic_partition = tp;
        r.high_watermark = batches.empty() ? 0 : batches.back().next_offset();
        r.last_stable_offset = r.high_watermark;
        r.aborted_transactions = std::move(aborted);
        r.records = std::move(batches);
        response->responses.push_back(r);
        consumer->on_message(2, response);
        step();
        return requests[0].second->isolation_level;
    }
    std::vector<std::string> poll_values() {
        std::vector<std::string> values;
        for (const auto& record : consumer->poll()) values.push_back(record.value);
        return values;
    }
};

TEST_F(ReadCommittedTest, AbortedTransactionIsDroppedAndCommittedOnesAreKept) {
    EXPECT_EQ(answer({data(1, 0, {"a1", "a2"}), data(2, 2, {"b1"}),
                      marker(1, 3, ControlRecordType::ABORT),
                      marker(2, 4, ControlRecordType::COMMIT), data(1, 5, {"a3"}),
                      marker(1, 6, ControlRecordType::COMMIT)},
                     {{1, 0}}),
              protocol::IsolationLevel::ReadCommitted);
    EXPECT_EQ(poll_values(), (std::vector<std::string>{"b1", "a3"}));
    EXPECT_EQ(consumer->position(tp), 6);
}

TEST_F(ReadCommittedTest, FetchOfOnlySkippedBatchesMovesThePositionPastThem) {
    answer({data(1, 0, {"a1"}), marker(1, 1, ControlRecordType::ABORT)}, {{1, 0}});
    EXPECT_TRUE(poll_values().empty());
    EXPECT_EQ(consumer->position(tp), 2);
    step();
    auto next = env.take<protocol::FetchRequest>();
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].second->partitions[0].fetch_offset, 2);
}

TEST_F(ReadCommittedTest, AbortedRangeEndsAtTheProducersAbortMarker) {
    // Producer 1 aborts [0, 1] then commits [2]: only the second transaction is read.
    answer({data(1, 0, {"x"}), marker(1, 1, ControlRecordType::ABORT), data(1, 2, {"y"}),
            marker(1, 3, ControlRecordType::COMMIT)},
           {{1, 0}});
    EXPECT_EQ(poll_values(), (std::vector<std::string>{"y"}));
}

}  // namespace
}  // namespace core::client
