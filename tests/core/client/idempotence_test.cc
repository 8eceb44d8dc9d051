// Idempotence as Kafka >= 3.0 gives it by default: when responses are lost (a one-way cut
// from the leader to the producer) or the leader fails over, retried batches keep their
// sequences and the broker drops duplicates, so each record is stored once and in send
// order. With idempotence off and several requests in flight, the same faults store
// duplicates or reorder records for some seed. Plus the sequence rules in isolation.

#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>

#include "core/client/idempotence.h"
#include "sim/world.h"
#include "tests/core/client/durability_support.h"

namespace kafkasim::test {
namespace {

using namespace sim::literals;

struct Anomalies {
    int duplicates = 0;
    int reorders = 0;
};

/// Produces through lost responses and a leader crash, then reads everything back.
Anomalies run_faulty_production(uint64_t seed, std::map<std::string, std::string> config) {
    TestCluster t({.brokers = 3, .seed = seed, .broker_config = {{"replica.lag.time.max.ms",
                                                                   "2000"}}});
    t.create_topic("t", 2, 3, {{"min.insync.replicas", "2"}});
    config["request.timeout.ms"] = "2000";
    config["delivery.timeout.ms"] = "60000";
    ProducerHandle& p = t.producer("p", config);
    int next = 0;
    produce_for(t, p, 1_s, 2_ms, next);
    const int32_t leader = t.leader_of("t", 0);
    t.world().network().cut_one_way(leader, p.node());  // requests land, answers are lost
    produce_for(t, p, 2_s, 2_ms, next);
    t.heal();
    produce_for(t, p, 1_s, 2_ms, next);
    t.broker(t.leader_of("t", 1)).crash();
    produce_for(t, p, 3_s, 2_ms, next);
    t.run_until([&] { return p.pending() == 0; }, 90_s);
    ConsumerHandle& c = t.consumer("c", "t", {{"auto.offset.reset", "earliest"}});
    drain(t, c);
    Anomalies found;
    std::set<std::string> seen;
    std::map<int32_t, int> last;
    for (const auto& r : c.records()) {
        if (!seen.insert(r.value).second) ++found.duplicates;
        const int value = std::stoi(r.value);
        auto it = last.find(r.partition);
        if (it != last.end() && value < it->second) ++found.reorders;
        last[r.partition] = std::max(value, it == last.end() ? value : it->second);
    }
    EXPECT_GT(seen.size(), 1000u);
    return found;
}

TEST(Idempotence, RetriesAcrossLostResponsesAndFailoverStoreEachRecordOnceInOrder) {
    Anomalies found = run_faulty_production(3, {{"acks", "all"}});
    EXPECT_EQ(found.duplicates, 0);
    EXPECT_EQ(found.reorders, 0);
}

TEST(Idempotence, WithoutItSeveralInFlightRequestsDuplicateOrReorderForSomeSeed) {
    bool shown = false;
    for (uint64_t seed = 1; seed <= 5 && !shown; ++seed) {
        Anomalies found = run_faulty_production(
            seed, {{"acks", "all"},
                   {"enable.idempotence", "false"},
                   {"max.in.flight.requests.per.connection", "5"}});
        if (found.duplicates + found.reorders > 0) {
            shown = true;
            std::cout << "idempotence off: " << found.duplicates << " duplicate(s), "
                      << found.reorders << " reordering(s) with seed " << seed << "\n";
        }
    }
    EXPECT_TRUE(shown);
}

using core::client::IdempotenceState;
using core::client::ProducerBatch;

ProducerBatch batch_of(int records) {
    ProducerBatch batch;
    batch.topic_partition = {"t", 0};
    batch.records.resize(static_cast<size_t>(records));
    return batch;
}

TEST(IdempotenceState, SequencesRunOnPerPartitionAndRetriesKeepTheirs) {
    IdempotenceState state;
    state.set_producer_id(4, 0);
    ProducerBatch a = batch_of(3);
    ProducerBatch b = batch_of(2);
    state.assign_sequence(a);
    state.assign_sequence(b);
    EXPECT_EQ(a.base_sequence, 0);
    EXPECT_EQ(b.base_sequence, 3);
    EXPECT_EQ(state.next_sequence({"t", 0}), 5);
    state.assign_sequence(a);  // a retry
    EXPECT_EQ(a.base_sequence, 0);
}

TEST(IdempotenceState, ARetryDrainsOnlyWhenItIsTheFirstInFlight) {
    IdempotenceState state;
    state.set_producer_id(4, 0);
    ProducerBatch a = batch_of(1);
    ProducerBatch b = batch_of(1);
    state.assign_sequence(a);
    state.assign_sequence(b);
    EXPECT_FALSE(state.may_drain(b));
    EXPECT_TRUE(state.may_drain(a));
    state.on_acked(a);
    EXPECT_TRUE(state.may_drain(b));
}

TEST(IdempotenceState, OutOfOrderIsRetriableOnlyBehindAnUnackedEarlierBatch) {
    IdempotenceState state;
    state.set_producer_id(4, 0);
    ProducerBatch a = batch_of(1);
    ProducerBatch b = batch_of(1);
    state.assign_sequence(a);
    state.assign_sequence(b);
    EXPECT_TRUE(state.out_of_order_is_retriable(b));
    EXPECT_FALSE(state.out_of_order_is_retriable(a));
}

TEST(IdempotenceState, AFailedSentBatchForcesANewProducerId) {
    IdempotenceState state;
    state.set_producer_id(4, 0);
    ProducerBatch a = batch_of(1);
    state.assign_sequence(a);
    state.on_failed(a);
    EXPECT_TRUE(state.reset_pending());
    EXPECT_FALSE(state.has_producer_id());
    state.set_producer_id(5, 0);
    EXPECT_EQ(state.next_sequence({"t", 0}), 0);
}

}  // namespace
}  // namespace kafkasim::test
