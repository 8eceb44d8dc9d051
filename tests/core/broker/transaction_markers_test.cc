// The partition side of transactions (KIP-98) on a real three-broker cluster: records of
// an open transaction stay above the last stable offset, so read_committed fetches stop
// before them while read_uncommitted ones see them; WriteTxnMarkers appends the COMMIT or
// ABORT control record as leader, answers once it is replicated, and moves the LSO; an
// aborted transaction comes back in the fetch's aborted_transactions; a marker for a
// fenced producer epoch is refused; and a new leader after failover still knows the open
// transaction (its producer state is rebuilt from the replicated log).

#include "core/protocol/init_producer_id.h"
#include "core/protocol/write_txn_markers.h"
#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

struct Txn {
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = 0;
    int32_t sequence = 0;
};

struct TxnCluster {
    MiniCluster c;
    TopicPartition tp{"t", 0};

    TxnCluster() {
        EXPECT_TRUE(c.wait_for_brokers());
        c.create_topic("t", 1, 3, {{"min.insync.replicas", "2"}});
        EXPECT_TRUE(c.wait_for_leader(tp));
    }
    Txn begin() {
        auto init = c.call<InitProducerIdResponse>(1, std::make_shared<InitProducerIdRequest>());
        EXPECT_NE(init, nullptr);
        return {init->producer_id, init->producer_epoch, 0};
    }
    Error send(Txn& txn, const std::string& value) {
        auto request = std::make_shared<ProduceRequest>();
        RecordBatch batch;
        batch.producer_id = txn.producer_id;
        batch.producer_epoch = txn.producer_epoch;
        batch.base_sequence = txn.sequence++;
        batch.is_transactional = true;
        batch.records.push_back({kNoOffset, 0, false, "", value});
        request->partitions.push_back({tp, batch});
        auto response = c.call<ProduceResponse>(c.leader_of(tp), request);
        return response ? response->responses[0].error : Error::REQUEST_TIMED_OUT;
    }
    Error end(const Txn& txn, bool commit, int16_t epoch) {
        auto request = std::make_shared<WriteTxnMarkersRequest>();
        request->markers.push_back({txn.producer_id, epoch, commit, {tp}, 0});
        auto response = c.call<WriteTxnMarkersResponse>(c.leader_of(tp), request);
        if (response == nullptr || response->markers.empty()) return Error::REQUEST_TIMED_OUT;
        return response->markers[0].partitions[0].error;
    }
    std::shared_ptr<const FetchResponse> fetch(IsolationLevel level) {
        auto request = std::make_shared<FetchRequest>();
        request->max_wait_ms = 0;
        request->isolation_level = level;
        FetchPartition fp;
        fp.topic_partition = tp;
        request->partitions.push_back(fp);
        return c.call<FetchResponse>(c.leader_of(tp), request);
    }
    /// Values of data records a fetch returned (markers left out).
    static std::vector<std::string> values(const FetchResponse& response) {
        std::vector<std::string> out;
        for (const auto& batch : response.responses[0].records) {
            if (batch.is_control) continue;
            for (const auto& record : batch.records) out.push_back(record.value);
        }
        return out;
    }
};

TEST(TransactionMarkers, OpenTransactionIsInvisibleToReadCommittedUntilCommitted) {
    TxnCluster t;
    Txn txn = t.begin();
    ASSERT_EQ(t.send(txn, "a"), Error::NONE);
    ASSERT_EQ(t.send(txn, "b"), Error::NONE);
    t.c.run_for(100 * kMillisecond);
    auto committed = t.fetch(IsolationLevel::ReadCommitted);
    EXPECT_EQ(committed->responses[0].last_stable_offset, 0);
    EXPECT_EQ(committed->responses[0].high_watermark, 2);
    EXPECT_TRUE(TxnCluster::values(*committed).empty());
    EXPECT_EQ(TxnCluster::values(*t.fetch(IsolationLevel::ReadUncommitted)),
              (std::vector<std::string>{"a", "b"}));

    ASSERT_EQ(t.end(txn, true, txn.producer_epoch), Error::NONE);
    auto after = t.fetch(IsolationLevel::ReadCommitted);
    EXPECT_EQ(after->responses[0].last_stable_offset, 3);  // past the COMMIT marker
    EXPECT_EQ(TxnCluster::values(*after), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(after->responses[0].aborted_transactions.empty());
}

TEST(TransactionMarkers, AbortedTransactionIsListedForReadCommittedFetches) {
    TxnCluster t;
    Txn txn = t.begin();
    ASSERT_EQ(t.send(txn, "doomed"), Error::NONE);
    ASSERT_EQ(t.end(txn, false, txn.producer_epoch), Error::NONE);
    auto after = t.fetch(IsolationLevel::ReadCommitted);
    ASSERT_EQ(after->responses[0].aborted_transactions.size(), 1u);
    EXPECT_EQ(after->responses[0].aborted_transactions[0].producer_id, txn.producer_id);
    EXPECT_EQ(after->responses[0].aborted_transactions[0].first_offset, 0);
    EXPECT_EQ(after->responses[0].last_stable_offset, 2);
}

TEST(TransactionMarkers, MarkerForAFencedProducerEpochIsRefused) {
    TxnCluster t;
    Txn txn = t.begin();
    txn.producer_epoch = 3;
    ASSERT_EQ(t.send(txn, "x"), Error::NONE);
    EXPECT_EQ(t.end(txn, true, 2), Error::INVALID_PRODUCER_EPOCH);
    EXPECT_EQ(t.end(txn, false, 4), Error::NONE);  // the coordinator's bumped abort
}

TEST(TransactionMarkers, NewLeaderKeepsTheOpenTransactionAfterFailover) {
    TxnCluster t;
    Txn txn = t.begin();
    ASSERT_EQ(t.send(txn, "open"), Error::NONE);
    const int32_t old_leader = t.c.leader_of(t.tp);
    t.c.world().crash(old_leader);
    ASSERT_TRUE(t.c.run_until(
        [&] { return t.c.leader_of(t.tp) >= 0 && t.c.leader_of(t.tp) != old_leader; }));
    ASSERT_TRUE(t.c.wait_for_leader(t.tp));
    t.c.run_for(1 * kSecond);
    auto before = t.fetch(IsolationLevel::ReadCommitted);
    EXPECT_EQ(before->responses[0].last_stable_offset, 0);
    ASSERT_EQ(t.end(txn, true, txn.producer_epoch), Error::NONE);
    EXPECT_EQ(TxnCluster::values(*t.fetch(IsolationLevel::ReadCommitted)),
              std::vector<std::string>{"open"});
}

}  // namespace
}  // namespace kafkasim_test
