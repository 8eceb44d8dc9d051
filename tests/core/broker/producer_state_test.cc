// Idempotent producer state, as Kafka's ProducerStateManager keeps it: a retried batch
// among the last five is a duplicate answered with its original offsets, a gap in
// sequences is OUT_OF_ORDER_SEQUENCE_NUMBER, an older epoch is INVALID_PRODUCER_EPOCH, and
// a bumped epoch restarts sequences at 0.

#include "core/broker/producer_state.h"

#include <gtest/gtest.h>

namespace core::broker {
namespace {

using protocol::Error;

protocol::RecordBatch batch(int16_t epoch, int32_t sequence, Offset offset, int records = 1) {
    protocol::RecordBatch b;
    b.producer_id = 42;
    b.producer_epoch = epoch;
    b.base_sequence = sequence;
    b.base_offset = offset;
    b.records.resize(static_cast<size_t>(records));
    return b;
}

TEST(ProducerState, RetriedBatchIsADuplicateWithItsOriginalOffsets) {
    ProducerStateManager state;
    state.update(batch(0, 0, 10, 2));
    state.update(batch(0, 2, 12));
    ProducerAppendCheck check = state.check(batch(0, 0, -1, 2));
    EXPECT_EQ(check.error, Error::NONE);
    ASSERT_TRUE(check.duplicate.has_value());
    EXPECT_EQ(check.duplicate->first_offset, 10);
    EXPECT_EQ(check.duplicate->last_offset, 11);
}

TEST(ProducerState, OnlyTheLastFiveBatchesAreRemembered) {
    ProducerStateManager state;
    for (int i = 0; i < 6; ++i) state.update(batch(0, i, i));
    EXPECT_FALSE(state.check(batch(0, 0, -1)).duplicate.has_value());
    EXPECT_TRUE(state.check(batch(0, 1, -1)).duplicate.has_value());
}

TEST(ProducerState, SequenceGapIsOutOfOrder) {
    ProducerStateManager state;
    state.update(batch(0, 0, 0));
    EXPECT_EQ(state.check(batch(0, 2, -1)).error, Error::OUT_OF_ORDER_SEQUENCE_NUMBER);
    EXPECT_EQ(state.check(batch(0, 1, -1)).error, Error::NONE);
}

TEST(ProducerState, OlderEpochIsFencedAndNewEpochRestartsAtZero) {
    ProducerStateManager state;
    state.update(batch(1, 0, 0));
    EXPECT_EQ(state.check(batch(0, 1, -1)).error, Error::INVALID_PRODUCER_EPOCH);
    EXPECT_EQ(state.check(batch(2, 5, -1)).error, Error::OUT_OF_ORDER_SEQUENCE_NUMBER);
    EXPECT_EQ(state.check(batch(2, 0, -1)).error, Error::NONE);
}

TEST(ProducerState, UnknownProducerMayStartAtAnySequence) {
    ProducerStateManager state;
    EXPECT_EQ(state.check(batch(0, 17, -1)).error, Error::NONE);
}

}  // namespace
}  // namespace core::broker
