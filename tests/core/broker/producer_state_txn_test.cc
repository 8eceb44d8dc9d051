// Transactions in the producer state (KIP-98, Kafka's ProducerStateManager): a producer's
// first transactional batch opens a transaction that holds the first unstable offset (so
// the last stable offset) until its marker is written and replicated; an ABORT marker
// enters the transaction index that read_committed fetches get; a marker from a fenced
// producer epoch or an older coordinator is refused; an open transaction admits only
// transactional writes.

#include <gtest/gtest.h>

#include "core/broker/producer_state.h"
#include "core/protocol/control_record.h"

namespace core::broker {
namespace {

using protocol::ControlRecordType;
using protocol::Error;

protocol::RecordBatch txn_batch(int64_t producer_id, int16_t epoch, int32_t sequence,
                                Offset offset, int records = 1) {
    protocol::RecordBatch b;
    b.producer_id = producer_id;
    b.producer_epoch = epoch;
    b.base_sequence = sequence;
    b.base_offset = offset;
    b.is_transactional = true;
    b.records.resize(static_cast<size_t>(records));
    return b;
}

protocol::RecordBatch marker(int64_t producer_id, int16_t epoch, ControlRecordType type,
                             Offset offset, int32_t coordinator_epoch = 0) {
    protocol::RecordBatch b = protocol::end_transaction_marker_batch(
        producer_id, epoch, {type, coordinator_epoch}, 0);
    b.base_offset = offset;
    return b;
}

TEST(ProducerStateTxn, OpenTransactionHoldsTheFirstUnstableOffsetUntilItsMarkerIsReplicated) {
    ProducerStateManager state;
    EXPECT_EQ(state.first_unstable_offset(), kNoOffset);
    state.update(txn_batch(7, 0, 0, 10, 2));
    state.update(txn_batch(7, 0, 2, 12));
    EXPECT_EQ(state.first_unstable_offset(), 10);
    state.update(marker(7, 0, ControlRecordType::COMMIT, 13));
    EXPECT_EQ(state.first_unstable_offset(), 10);  // marker not yet below the HW
    state.on_high_watermark_update(13);
    EXPECT_EQ(state.first_unstable_offset(), 10);
    state.on_high_watermark_update(14);
    EXPECT_EQ(state.first_unstable_offset(), kNoOffset);
}

TEST(ProducerStateTxn, FirstUnstableOffsetIsTheOldestOfSeveralOpenTransactions) {
    ProducerStateManager state;
    state.update(txn_batch(1, 0, 0, 5));
    state.update(txn_batch(2, 0, 0, 6));
    state.update(marker(1, 0, ControlRecordType::COMMIT, 7));
    state.on_high_watermark_update(8);
    EXPECT_EQ(state.first_unstable_offset(), 6);
}

TEST(ProducerStateTxn, AbortMarkerEntersTheTransactionIndexCommitDoesNot) {
    ProducerStateManager state;
    state.update(txn_batch(1, 0, 0, 0, 3));
    state.update(marker(1, 0, ControlRecordType::ABORT, 3));
    state.update(txn_batch(1, 0, 3, 4));
    state.update(marker(1, 0, ControlRecordType::COMMIT, 5));
    std::vector<AbortedTxn> aborted = state.collect_aborted_transactions(0, 10);
    ASSERT_EQ(aborted.size(), 1u);
    EXPECT_EQ(aborted[0], (AbortedTxn{1, 0, 3}));
    EXPECT_TRUE(state.collect_aborted_transactions(4, 10).empty());
    EXPECT_EQ(state.collect_aborted_transactions(3, 4).size(), 1u);
}

TEST(ProducerStateTxn, MarkerOfAFencedProducerEpochIsRefused) {
    ProducerStateManager state;
    state.update(txn_batch(1, 3, 0, 0));
    EXPECT_EQ(state.check(marker(1, 2, ControlRecordType::COMMIT, -1)).error,
              Error::INVALID_PRODUCER_EPOCH);
    // The coordinator aborts a fenced producer's transaction with a bumped epoch.
    EXPECT_EQ(state.check(marker(1, 4, ControlRecordType::ABORT, -1)).error, Error::NONE);
}

TEST(ProducerStateTxn, MarkerOfAnOlderCoordinatorIsFenced) {
    ProducerStateManager state;
    state.update(txn_batch(1, 0, 0, 0));
    state.update(marker(1, 0, ControlRecordType::COMMIT, 1, 5));
    EXPECT_EQ(state.check(marker(1, 0, ControlRecordType::COMMIT, -1, 4)).error,
              Error::TRANSACTION_COORDINATOR_FENCED);
    EXPECT_EQ(state.check(marker(1, 0, ControlRecordType::COMMIT, -1, 5)).error, Error::NONE);
}

TEST(ProducerStateTxn, OpenTransactionAdmitsOnlyTransactionalWrites) {
    ProducerStateManager state;
    state.update(txn_batch(1, 0, 0, 0));
    protocol::RecordBatch plain = txn_batch(1, 0, 1, -1);
    plain.is_transactional = false;
    EXPECT_EQ(state.check(plain).error, Error::INVALID_TXN_STATE);
    state.update(marker(1, 0, ControlRecordType::COMMIT, 1));
    EXPECT_EQ(state.check(plain).error, Error::NONE);
}

TEST(ProducerStateTxn, ClearForgetsTransactionsToo) {
    ProducerStateManager state;
    state.update(txn_batch(1, 0, 0, 0));
    state.update(marker(1, 0, ControlRecordType::ABORT, 1));
    state.update(txn_batch(2, 0, 0, 2));
    state.clear();
    EXPECT_EQ(state.first_unstable_offset(), kNoOffset);
    EXPECT_TRUE(state.collect_aborted_transactions(0, 10).empty());
}

}  // namespace
}  // namespace core::broker
