// sendOffsetsToTransaction on the broker side, driven with raw requests on a three-broker
// cluster: AddOffsetsToTxn puts the group's __consumer_offsets partition in the
// transaction; TxnOffsetCommit's offsets stay invisible to OffsetFetch (require_stable:
// UNSTABLE_OFFSET_COMMIT) until the COMMIT marker lands, and an ABORT drops them; a new
// group coordinator after a crash rebuilds both from the log.

#include <functional>
#include <utility>

#include "core/group/offsets_topic.h"
#include "core/protocol/group.h"
#include "core/protocol/init_producer_id.h"
#include "core/protocol/offsets.h"
#include "core/protocol/transactions.h"
#include "core/protocol/txn_offsets.h"
#include "tests/core/broker/mini_cluster.h"

namespace kafkasim_test {
namespace {

struct OffsetsCluster {
    MiniCluster c;
    std::string txn_id = "etl";
    std::string group = "g";
    TopicPartition input{"in", 0};
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;

    OffsetsCluster() { EXPECT_TRUE(c.wait_for_brokers()); }

    int32_t coordinator(const std::string& key, int8_t type) {
        for (int attempt = 0; attempt < 300; ++attempt) {
            auto request = std::make_shared<FindCoordinatorRequest>();
            request->key = key;
            request->key_type = type;
            for (int32_t id : c.broker_ids()) {
                if (c.broker(id) == nullptr) continue;
                auto response = c.call<FindCoordinatorResponse>(id, request);
                if (response && response->error == Error::NONE) return response->node_id;
                break;
            }
            c.run_for(100 * kMillisecond);
        }
        return -1;
    }
    /// Retries `attempt` while it answers a retriable error; the final error.
    Error retrying(const std::function<Error()>& attempt) {
        Error error = Error::REQUEST_TIMED_OUT;
        for (int i = 0; i < 100; ++i) {
            error = attempt();
            if (!is_retriable(error)) return error;
            c.run_for(100 * kMillisecond);
        }
        return error;
    }
    Error init() {
        return retrying([&] {
            auto request = std::make_shared<InitProducerIdRequest>();
            request->transactional_id = txn_id;
            auto response = c.call<InitProducerIdResponse>(
                coordinator(txn_id, kCoordinatorTypeTransaction), request);
            if (response == nullptr) return Error::REQUEST_TIMED_OUT;
            producer_id = response->producer_id;
            producer_epoch = response->producer_epoch;
            return response->error;
        });
    }
    Error add_offsets() {
        return retrying([&] {
            auto request = std::make_shared<AddOffsetsToTxnRequest>();
            request->transactional_id = txn_id;
            request->producer_id = producer_id;
            request->producer_epoch = producer_epoch;
            request->group_id = group;
            auto response = c.call<AddOffsetsToTxnResponse>(
                coordinator(txn_id, kCoordinatorTypeTransaction), request);
            return response ? response->error : Error::REQUEST_TIMED_OUT;
        });
    }
    Error commit_offset(Offset offset) {
        return retrying([&] {
            auto request = std::make_shared<TxnOffsetCommitRequest>();
            request->transactional_id = txn_id;
            request->group_id = group;
            request->producer_id = producer_id;
            request->producer_epoch = producer_epoch;
            request->partitions.push_back({input, offset, kNoLeaderEpoch, ""});
            auto response = c.call<TxnOffsetCommitResponse>(
                coordinator(group, kCoordinatorTypeGroup), request);
            return response ? response->partitions[0].error : Error::REQUEST_TIMED_OUT;
        });
    }
    Error end(bool commit) {
        return retrying([&] {
            auto request = std::make_shared<EndTxnRequest>();
            request->transactional_id = txn_id;
            request->producer_id = producer_id;
            request->producer_epoch = producer_epoch;
            request->committed = commit;
            auto response = c.call<EndTxnResponse>(
                coordinator(txn_id, kCoordinatorTypeTransaction), request);
            return response ? response->error : Error::REQUEST_TIMED_OUT;
        });
    }
    /// OffsetFetch with require_stable: the committed offset, or the partition's error.
    std::pair<Offset, Error> fetch() {
        auto request = std::make_shared<OffsetFetchRequest>();
        request->group_id = group;
        request->partitions = std::vector<TopicPartition>{input};
        request->require_stable = true;
        auto response =
            c.call<OffsetFetchResponse>(coordinator(group, kCoordinatorTypeGroup), request);
        if (response == nullptr) return {kNoOffset, Error::REQUEST_TIMED_OUT};
        if (response->error != Error::NONE) return {kNoOffset, response->error};
        return {response->partitions[0].committed_offset, response->partitions[0].error};
    }
    bool wait_for_offset(Offset expected) {
        return c.run_until([&] { return fetch() == std::pair{expected, Error::NONE}; },
                           10 * kSecond);
    }
};

TEST(TxnOffsetCommit, OffsetsBecomeVisibleOnlyWhenTheTransactionCommits) {
    OffsetsCluster t;
    ASSERT_EQ(t.init(), Error::NONE);
    ASSERT_EQ(t.add_offsets(), Error::NONE);
    ASSERT_EQ(t.commit_offset(42), Error::NONE);
    EXPECT_EQ(t.fetch().second, Error::UNSTABLE_OFFSET_COMMIT);
    ASSERT_EQ(t.end(true), Error::NONE);
    EXPECT_TRUE(t.wait_for_offset(42));
}

TEST(TxnOffsetCommit, AnAbortedTransactionLeavesThePreviousOffset) {
    OffsetsCluster t;
    ASSERT_EQ(t.init(), Error::NONE);
    ASSERT_EQ(t.add_offsets(), Error::NONE);
    ASSERT_EQ(t.commit_offset(10), Error::NONE);
    ASSERT_EQ(t.end(true), Error::NONE);
    ASSERT_TRUE(t.wait_for_offset(10));

    ASSERT_EQ(t.add_offsets(), Error::NONE);
    ASSERT_EQ(t.commit_offset(20), Error::NONE);
    ASSERT_EQ(t.end(false), Error::NONE);
    EXPECT_TRUE(t.wait_for_offset(10));
    t.c.run_for(2 * kSecond);
    EXPECT_EQ(t.fetch(), (std::pair{Offset{10}, Error::NONE}));
}

TEST(TxnOffsetCommit, ANewGroupCoordinatorLoadsCommittedAndPendingOffsetsFromTheLog) {
    OffsetsCluster t;
    ASSERT_EQ(t.init(), Error::NONE);
    ASSERT_EQ(t.add_offsets(), Error::NONE);
    ASSERT_EQ(t.commit_offset(5), Error::NONE);
    ASSERT_EQ(t.end(true), Error::NONE);
    ASSERT_TRUE(t.wait_for_offset(5));
    ASSERT_EQ(t.add_offsets(), Error::NONE);
    ASSERT_EQ(t.commit_offset(7), Error::NONE);

    const int32_t old_coordinator = t.coordinator(t.group, kCoordinatorTypeGroup);
    t.c.world().crash(old_coordinator);
    ASSERT_TRUE(t.c.run_until(
        [&] {
            const int32_t now = t.coordinator(t.group, kCoordinatorTypeGroup);
            return now >= 0 && now != old_coordinator &&
                   t.fetch().second == Error::UNSTABLE_OFFSET_COMMIT;
        },
        30 * kSecond))
        << "the pending offset 7 is loaded as pending, 5 stays committed";
    ASSERT_EQ(t.end(true), Error::NONE);
    EXPECT_TRUE(t.wait_for_offset(7));
}

}  // namespace
}  // namespace kafkasim_test
