// The transaction coordinator on a real three-broker cluster, driven with raw requests:
// FindCoordinator(TRANSACTION) creates __transaction_state and names the leader of the
// transactional id's partition; InitProducerId, AddPartitionsToTxn, Produce and EndTxn
// commit a transaction whose records read_committed consumers see only once the markers
// are written; a second producer with the same transactional id fences the first (its
// open transaction is aborted under a bumped epoch, its requests get PRODUCER_FENCED and
// its writes INVALID_PRODUCER_EPOCH); a transaction open past transaction.timeout.ms is
// aborted; and a new coordinator after a crash continues from __transaction_state.

#include <set>

#include "core/protocol/init_producer_id.h"
#include "core/protocol/transactions.h"
#include "core/transaction/transaction_log.h"
#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

using core::transaction::TransactionState;

struct Producer {
    std::string transactional_id;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    int32_t sequence = 0;
};

struct TxnCluster {
    MiniCluster c;
    TopicPartition tp{"out", 0};

    TxnCluster() {
        EXPECT_TRUE(c.wait_for_brokers());
        c.create_topic("out", 1, 3, {{"min.insync.replicas", "2"}});
        EXPECT_TRUE(c.wait_for_leader(tp));
    }
    int32_t live_broker() {
        for (int32_t id : c.broker_ids()) {
            if (c.broker(id) != nullptr) return id;
        }
        return -1;
    }
    /// FindCoordinator(TRANSACTION) until a coordinator is named; -1 after 30s.
    int32_t coordinator(const std::string& id) {
        for (int attempt = 0; attempt < 300; ++attempt) {
            auto request = std::make_shared<FindCoordinatorRequest>();
            request->key = id;
            request->key_type = kCoordinatorTypeTransaction;
            auto response = c.call<FindCoordinatorResponse>(live_broker(), request);
            if (response && response->error == Error::NONE) return response->node_id;
            c.run_for(100 * kMillisecond);
        }
        return -1;
    }
    /// InitProducerId, retrying the retriable answers; the final error.
    Error init(Producer& p, int32_t timeout_ms = 60000) {
        Error error = Error::REQUEST_TIMED_OUT;
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto request = std::make_shared<InitProducerIdRequest>();
            request->transactional_id = p.transactional_id;
            request->transaction_timeout_ms = timeout_ms;
            auto response = c.call<InitProducerIdResponse>(coordinator(p.transactional_id),
                                                           request);
            error = response ? response->error : Error::REQUEST_TIMED_OUT;
            if (error == Error::NONE) {
                p.producer_id = response->producer_id;
                p.producer_epoch = response->producer_epoch;
                p.sequence = 0;
                return error;
            }
            if (error != Error::CONCURRENT_TRANSACTIONS && error != Error::NOT_COORDINATOR &&
                error != Error::COORDINATOR_LOAD_IN_PROGRESS) {
                return error;
            }
            c.run_for(100 * kMillisecond);
        }
        return error;
    }
    Error add_partition(const Producer& p) {
        auto request = std::make_shared<AddPartitionsToTxnRequest>();
        request->transactional_id = p.transactional_id;
        request->producer_id = p.producer_id;
        request->producer_epoch = p.producer_epoch;
        request->partitions = {tp};
        auto response =
            c.call<AddPartitionsToTxnResponse>(coordinator(p.transactional_id), request);
        return response ? response->results[0].error : Error::REQUEST_TIMED_OUT;
    }
    Error send(Producer& p, const std::string& value) {
        auto request = std::make_shared<ProduceRequest>();
        request->transactional_id = p.transactional_id;
        RecordBatch batch;
        batch.producer_id = p.producer_id;
        batch.producer_epoch = p.producer_epoch;
        batch.base_sequence = p.sequence++;
        batch.is_transactional = true;
        batch.records.push_back({kNoOffset, 0, false, "", value});
        request->partitions.push_back({tp, batch});
        auto response = c.call<ProduceResponse>(c.leader_of(tp), request);
        return response ? response->responses[0].error : Error::REQUEST_TIMED_OUT;
    }
    Error end(const Producer& p, bool commit) {
        auto request = std::make_shared<EndTxnRequest>();
        request->transactional_id = p.transactional_id;
        request->producer_id = p.producer_id;
        request->producer_epoch = p.producer_epoch;
        request->committed = commit;
        auto response = c.call<EndTxnResponse>(coordinator(p.transactional_id), request);
        return response ? response->error : Error::REQUEST_TIMED_OUT;
    }
    /// Data values below the last stable offset, aborted transactions left out.
    std::vector<std::string> read_committed() {
        auto request = std::make_shared<FetchRequest>();
        request->max_wait_ms = 0;
        request->isolation_level = IsolationLevel::ReadCommitted;
        FetchPartition fp;
        fp.topic_partition = tp;
        request->partitions.push_back(fp);
        auto response = c.call<FetchResponse>(c.leader_of(tp), request);
        std::vector<std::string> out;
        if (response == nullptr) return out;
        // As a read_committed consumer does: a producer's batches are dropped from the
        // first offset of its aborted transaction up to its ABORT marker.
        const auto& part = response->responses[0];
        std::set<int64_t> aborted;
        size_t next_aborted = 0;
        for (const auto& batch : part.records) {
            while (next_aborted < part.aborted_transactions.size() &&
                   part.aborted_transactions[next_aborted].first_offset <= batch.last_offset()) {
                aborted.insert(part.aborted_transactions[next_aborted++].producer_id);
            }
            if (batch.is_control) {
                aborted.erase(batch.producer_id);
                continue;
            }
            if (aborted.count(batch.producer_id)) continue;
            for (const auto& record : batch.records) out.push_back(record.value);
        }
        return out;
    }
    Offset last_stable_offset() {
        auto request = std::make_shared<FetchRequest>();
        request->max_wait_ms = 0;
        request->isolation_level = IsolationLevel::ReadCommitted;
        request->partitions.push_back({tp});
        auto response = c.call<FetchResponse>(c.leader_of(tp), request);
        return response ? response->responses[0].last_stable_offset : kNoOffset;
    }
    const core::transaction::TransactionMetadata* state(const std::string& id) {
        const int32_t node = coordinator(id);
        auto* broker = c.broker(node);
        return broker ? broker->transaction_coordinator().transaction(id) : nullptr;
    }
};

TEST(TransactionCoordinator, FindCoordinatorNamesTheLeaderOfTheIdsTransactionStatePartition) {
    TxnCluster t;
    const int32_t node = t.coordinator("etl");
    ASSERT_GE(node, 1);
    const int32_t partition = core::transaction::partition_for("etl", 50);
    EXPECT_EQ(node, t.c.leader_of({"__transaction_state", partition}));
}

TEST(TransactionCoordinator, CommittedTransactionBecomesVisibleToReadCommitted) {
    TxnCluster t;
    Producer p{"etl"};
    ASSERT_EQ(t.init(p), Error::NONE);
    EXPECT_EQ(p.producer_epoch, 0);
    ASSERT_EQ(t.add_partition(p), Error::NONE);
    ASSERT_EQ(t.send(p, "a"), Error::NONE);
    ASSERT_EQ(t.send(p, "b"), Error::NONE);
    EXPECT_TRUE(t.read_committed().empty());
    ASSERT_EQ(t.end(p, true), Error::NONE);
    ASSERT_TRUE(t.c.run_until([&] { return t.read_committed().size() == 2; }, 5 * kSecond));
    EXPECT_EQ(t.read_committed(), (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(t.c.run_until([&] {
        auto* m = t.state("etl");
        return m != nullptr && m->state == TransactionState::CompleteCommit;
    }, 5 * kSecond));
    EXPECT_EQ(t.end(p, true), Error::NONE);  // a retried EndTxn answers the same
    EXPECT_EQ(t.end(p, false), Error::INVALID_TXN_STATE);
}

TEST(TransactionCoordinator, NewProducerWithTheSameIdFencesTheOldAndAbortsItsTransaction) {
    TxnCluster t;
    Producer zombie{"etl"};
    ASSERT_EQ(t.init(zombie), Error::NONE);
    ASSERT_EQ(t.add_partition(zombie), Error::NONE);
    ASSERT_EQ(t.send(zombie, "from-zombie"), Error::NONE);
    Producer fresh{"etl"};
    ASSERT_EQ(t.init(fresh), Error::NONE);
    EXPECT_EQ(fresh.producer_id, zombie.producer_id);
    EXPECT_EQ(fresh.producer_epoch, zombie.producer_epoch + 2);  // the fence, then the init
    EXPECT_EQ(t.add_partition(zombie), Error::PRODUCER_FENCED);
    EXPECT_EQ(t.end(zombie, true), Error::PRODUCER_FENCED);
    EXPECT_EQ(t.send(zombie, "late"), Error::INVALID_PRODUCER_EPOCH);
    ASSERT_EQ(t.add_partition(fresh), Error::NONE);
    ASSERT_EQ(t.send(fresh, "from-fresh"), Error::NONE);
    ASSERT_EQ(t.end(fresh, true), Error::NONE);
    ASSERT_TRUE(t.c.run_until([&] { return !t.read_committed().empty(); }, 5 * kSecond));
    EXPECT_EQ(t.read_committed(), std::vector<std::string>{"from-fresh"});
}

TEST(TransactionCoordinator, TransactionOpenPastItsTimeoutIsAborted) {
    TxnCluster t;
    Producer p{"slow"};
    ASSERT_EQ(t.init(p, 1000), Error::NONE);
    ASSERT_EQ(t.add_partition(p), Error::NONE);
    ASSERT_EQ(t.send(p, "never"), Error::NONE);
    EXPECT_EQ(t.last_stable_offset(), 0);
    ASSERT_TRUE(t.c.run_until([&] { return t.last_stable_offset() >= 2; }, 15 * kSecond));
    EXPECT_TRUE(t.read_committed().empty());
    EXPECT_EQ(t.end(p, true), Error::PRODUCER_FENCED);
}

TEST(TransactionCoordinator, NewCoordinatorContinuesFromTransactionState) {
    TxnCluster t;
    Producer p{"etl"};
    ASSERT_EQ(t.init(p), Error::NONE);
    ASSERT_EQ(t.add_partition(p), Error::NONE);
    ASSERT_EQ(t.send(p, "survives"), Error::NONE);
    const int32_t old = t.coordinator("etl");
    t.c.world().crash(old);
    ASSERT_TRUE(t.c.run_until([&] {
        const int32_t now = t.coordinator("etl");
        return now >= 0 && now != old;
    }, 30 * kSecond));
    ASSERT_TRUE(t.c.wait_for_leader(t.tp));
    ASSERT_TRUE(t.c.run_until([&] { return t.state("etl") != nullptr; }, 5 * kSecond));
    EXPECT_EQ(t.state("etl")->state, TransactionState::Ongoing);
    EXPECT_EQ(t.state("etl")->producer_epoch, p.producer_epoch);
    ASSERT_EQ(t.end(p, true), Error::NONE);
    // The marker is replicated (and the LSO moves) once the dead broker leaves the ISR of
    // "out", which may take replica.lag.time.max.ms (30s) when it was only a follower.
    ASSERT_TRUE(t.c.run_until([&] { return !t.read_committed().empty(); }, 40 * kSecond));
    EXPECT_EQ(t.read_committed(), std::vector<std::string>{"survives"});
}

}  // namespace
}  // namespace kafkasim_test
