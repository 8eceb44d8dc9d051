#pragma once
// The idempotent producer's bookkeeping (the part of Kafka's TransactionManager that
// plain idempotence uses): producer id and epoch, the next sequence per partition, the
// batches in flight in sequence order, and when the state must be reset with a new id.

#include <cstdint>
#include <map>
#include <set>

#include "core/client/producer_batch.h"

namespace core::client {

class IdempotenceState {
   public:
    bool has_producer_id() const { return producer_id_ != kNoProducerId && !reset_pending_; }
    int64_t producer_id() const { return producer_id_; }
    int16_t producer_epoch() const { return producer_epoch_; }
    /// InitProducerId answered: sequences start again at 0 for every partition; batches
    /// still queued for retry forget their old sequences (the caller clears them).
    void set_producer_id(int64_t producer_id, int16_t producer_epoch);

    /// Drain rule (Kafka's shouldStopDrainBatchesForPartition): a batch with a sequence
    /// is a retry and goes only when it is the first in flight, so the broker sees
    /// sequences in order; new batches wait while a reset is pending.
    bool may_drain(const ProducerBatch& first) const;
    /// Gives a drained batch the partition's next sequences and tracks it in flight.
    void assign_sequence(ProducerBatch& batch);

    /// The broker stored the batch (or it was a duplicate of a stored one).
    void on_acked(const ProducerBatch& batch);
    /// The batch will be retried with the same sequence; it stays tracked in flight.
    void on_retry(const ProducerBatch& batch) { (void)batch; }
    /// The batch is given up on after it may have reached the broker: the broker's and our
    /// sequences may now disagree, so the producer takes a new id once nothing is in
    /// flight (Kafka bumps the epoch; a fresh id resets sequences the same way).
    void on_failed(const ProducerBatch& batch);
    /// OUT_OF_ORDER_SEQUENCE_NUMBER is retriable only while an earlier batch of the
    /// partition is still unacknowledged (it failed and will be resent first).
    bool out_of_order_is_retriable(const ProducerBatch& batch) const;

    bool reset_pending() const { return reset_pending_; }
    void request_reset() { reset_pending_ = true; }
    int32_t next_sequence(const TopicPartition& tp) const;

   private:
    int64_t producer_id_ = kNoProducerId;
    int16_t producer_epoch_ = kNoProducerEpoch;
    bool reset_pending_ = false;
    std::map<TopicPartition, int32_t> next_sequence_;
    std::map<TopicPartition, int32_t> last_acked_sequence_;
    /// Base sequences in flight (sent or awaiting retry), per partition.
    std::map<TopicPartition, std::set<int32_t>> in_flight_;
};

}  // namespace core::client
