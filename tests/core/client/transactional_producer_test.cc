// The transactional producer (KIP-98) against a simulated cluster, as an application uses
// it: init_transactions, begin, send, commit or abort; read_committed consumers see the
// committed records only; a second producer with the same transactional.id fences the
// first, whose commit then fails with PRODUCER_FENCED and whose sends are refused.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/transaction/transaction_log.h"
#include "sim/world.h"
#include "tests/support/test_cluster.h"

namespace kafkasim::test {
namespace {

using core::client::Producer;
using core::client::TransactionState;
using core::protocol::Error;
using namespace sim::literals;

struct TxnTest : ::testing::Test {
    TestCluster t{{.brokers = 3, .seed = 5}};

    void SetUp() override { t.create_topic("out", 2, 3, {{"min.insync.replicas", "2"}}); }

    ProducerHandle& producer(const std::string& name, const std::string& transactional_id) {
        return t.producer(name, {{"transactional.id", transactional_id}, {"linger.ms", "0"}},
                          "out");
    }
    /// Runs a transactional call to completion; the error it reported.
    Error wait(const std::function<void(Producer::TransactionCallback)>& call) {
        std::optional<Error> result;
        call([&](Error error) { result = error; });
        EXPECT_TRUE(t.run_until([&] { return result.has_value(); }, 60_s));
        return result.value_or(Error::REQUEST_TIMED_OUT);
    }
    std::vector<std::string> committed_values(ConsumerHandle& c) {
        std::vector<std::string> values;
        for (const auto& r : c.records()) values.push_back(r.value);
        std::sort(values.begin(), values.end());
        return values;
    }
};

TEST_F(TxnTest, CommittedRecordsAreVisibleToReadCommittedAndAbortedOnesNever) {
    ProducerHandle& p = producer("p", "etl");
    Producer& client = *p.client();
    ASSERT_EQ(wait([&](auto done) { client.init_transactions(done); }), Error::NONE);
    EXPECT_EQ(client.transactions()->state(), TransactionState::Ready);

    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k1", "a");
    p.send("k2", "b");
    ASSERT_EQ(wait([&](auto done) { client.commit_transaction(done); }), Error::NONE);
    EXPECT_EQ(p.acked(), 2);

    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k1", "x");
    p.send("k2", "y");
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    ASSERT_EQ(wait([&](auto done) { client.abort_transaction(done); }), Error::NONE);

    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k3", "c");
    ASSERT_EQ(wait([&](auto done) { client.commit_transaction(done); }), Error::NONE);

    ConsumerHandle& committed = t.consumer(
        "rc", "out", {{"auto.offset.reset", "earliest"}, {"isolation.level", "read_committed"}});
    ConsumerHandle& everything = t.consumer("ru", "out", {{"auto.offset.reset", "earliest"}});
    ASSERT_TRUE(t.run_until([&] { return everything.records().size() == 5; }));
    t.run_for(2_s);
    EXPECT_EQ(committed_values(committed), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(committed_values(everything), (std::vector<std::string>{"a", "b", "c", "x", "y"}));
}

TEST_F(TxnTest, SendingOutsideATransactionIsRefused) {
    ProducerHandle& p = producer("p", "etl");
    ASSERT_EQ(wait([&](auto done) { p.client()->init_transactions(done); }), Error::NONE);
    p.send("k", "v");
    ASSERT_EQ(p.sent().size(), 1u);
    EXPECT_TRUE(p.sent()[0].done);
    EXPECT_EQ(p.sent()[0].error, Error::INVALID_TXN_STATE);
}

TEST_F(TxnTest, ANewProducerWithTheSameIdFencesTheOldOneAndAbortsItsTransaction) {
    ProducerHandle& zombie = producer("zombie", "etl");
    ASSERT_EQ(wait([&](auto done) { zombie.client()->init_transactions(done); }), Error::NONE);
    ASSERT_EQ(zombie.client()->begin_transaction(), Error::NONE);
    zombie.send("k", "zombie-1");
    ASSERT_TRUE(t.run_until([&] { return zombie.pending() == 0; }));

    ProducerHandle& fresh = producer("fresh", "etl");
    ASSERT_EQ(wait([&](auto done) { fresh.client()->init_transactions(done); }), Error::NONE);
    ASSERT_EQ(fresh.client()->begin_transaction(), Error::NONE);
    fresh.send("k", "fresh-1");
    ASSERT_EQ(wait([&](auto done) { fresh.client()->commit_transaction(done); }), Error::NONE);

    zombie.send("k", "zombie-2");
    const Error error = wait([&](auto done) { zombie.client()->commit_transaction(done); });
    EXPECT_TRUE(error == Error::PRODUCER_FENCED || error == Error::INVALID_PRODUCER_EPOCH)
        << core::protocol::error_name(error);
    EXPECT_EQ(zombie.client()->transactions()->state(), TransactionState::FatalError);
    EXPECT_EQ(zombie.client()->begin_transaction(), error);

    ConsumerHandle& committed = t.consumer(
        "rc", "out", {{"auto.offset.reset", "earliest"}, {"isolation.level", "read_committed"}});
    t.run_for(3_s);
    EXPECT_EQ(committed_values(committed), (std::vector<std::string>{"fresh-1"}));
}

TEST_F(TxnTest, ATransactionCommitsThroughACoordinatorFailover) {
    ProducerHandle& p = producer("p", "etl");
    Producer& client = *p.client();
    ASSERT_EQ(wait([&](auto done) { client.init_transactions(done); }), Error::NONE);
    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k1", "a");
    ASSERT_TRUE(t.run_until([&] { return p.pending() == 0; }));
    const int32_t coordinator =
        t.leader_of("__transaction_state", core::transaction::partition_for("etl", 50));
    ASSERT_GE(coordinator, 1);
    ASSERT_TRUE(t.broker(coordinator).crash());
    p.send("k2", "b");
    ASSERT_EQ(wait([&](auto done) { client.commit_transaction(done); }), Error::NONE);
    EXPECT_EQ(p.acked(), 2);

    ConsumerHandle& committed = t.consumer(
        "rc", "out", {{"auto.offset.reset", "earliest"}, {"isolation.level", "read_committed"}});
    ASSERT_TRUE(t.run_until([&] { return committed.records().size() == 2; }));
    EXPECT_EQ(committed_values(committed), (std::vector<std::string>{"a", "b"}));
}

TEST_F(TxnTest, AFailedBatchRefusesTheCommitAndTheAbortLetsTheNextTransactionCommit) {
    t.create_topic("solo", 1, 1);
    ProducerHandle& p = t.producer("p",
                                   {{"transactional.id", "etl"},
                                    {"linger.ms", "0"},
                                    {"request.timeout.ms", "1000"},
                                    {"delivery.timeout.ms", "2000"}},
                                   "out");
    Producer& client = *p.client();
    ASSERT_EQ(wait([&](auto done) { client.init_transactions(done); }), Error::NONE);
    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k", "a");
    const int32_t solo_leader = t.leader_of("solo", 0);
    ASSERT_TRUE(t.broker(solo_leader).crash());
    p.send("k", "lost", "solo");
    const Error error = wait([&](auto done) { client.commit_transaction(done); });
    EXPECT_EQ(error, Error::REQUEST_TIMED_OUT) << core::protocol::error_name(error);
    EXPECT_EQ(client.transactions()->state(), TransactionState::AbortableError);
    EXPECT_EQ(client.begin_transaction(), Error::INVALID_TXN_STATE);
    ASSERT_EQ(wait([&](auto done) { client.abort_transaction(done); }), Error::NONE);
    ASSERT_TRUE(t.broker(solo_leader).restart());
    // The ABORT marker for "solo" waits for its only replica; until it is written the
    // coordinator answers CONCURRENT_TRANSACTIONS, longer than the 2 s delivery timeout.
    ASSERT_TRUE(t.wait_for_leader("solo", 0));
    t.run_for(5_s);

    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k", "b");
    ASSERT_EQ(wait([&](auto done) { client.commit_transaction(done); }), Error::NONE);
    ConsumerHandle& committed = t.consumer(
        "rc", "out", {{"auto.offset.reset", "earliest"}, {"isolation.level", "read_committed"}});
    t.run_for(3_s);
    EXPECT_EQ(committed_values(committed), (std::vector<std::string>{"b"}));
}

TEST_F(TxnTest, OffsetsSentToATransactionAreAcceptedOnlyInsideOne) {
    ProducerHandle& p = producer("p", "etl");
    Producer& client = *p.client();
    ASSERT_EQ(wait([&](auto done) { client.init_transactions(done); }), Error::NONE);
    auto offsets = [] {
        core::client::TransactionOffsets o;
        o.group_id = "ledger";
        o.offsets.push_back({{"out", 0}, 3, -1, ""});
        return o;
    };
    EXPECT_EQ(wait([&](auto done) { client.send_offsets_to_transaction(offsets(), done); }),
              Error::INVALID_TXN_STATE);
    ASSERT_EQ(client.begin_transaction(), Error::NONE);
    p.send("k", "a");
    ASSERT_EQ(wait([&](auto done) { client.send_offsets_to_transaction(offsets(), done); }),
              Error::NONE);
    ASSERT_EQ(wait([&](auto done) { client.commit_transaction(done); }), Error::NONE);
    EXPECT_EQ(client.transactions()->state(), TransactionState::Ready);
}

}  // namespace
}  // namespace kafkasim::test
