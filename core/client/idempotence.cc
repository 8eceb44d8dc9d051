#include "core/client/idempotence.h"

#include "sim/assert.h"

namespace core::client {

void IdempotenceState::set_producer_id(int64_t producer_id, int16_t producer_epoch) {
    KS_ASSERT(producer_id >= 0);
    producer_id_ = producer_id;
    producer_epoch_ = producer_epoch;
    reset_pending_ = false;
    next_sequence_.clear();
    last_acked_sequence_.clear();
    in_flight_.clear();
}

bool IdempotenceState::may_drain(const ProducerBatch& first) const {
    // During a reset nothing drains: the batches on the wire finish first, then every
    // queued batch takes a sequence of the new id.
    if (reset_pending_) return false;
    if (!first.has_sequence()) return has_producer_id();
    // A retry made under an older producer id can't be resent as is (its sequence
    // belongs to the old id); the reset gives it a new one before it goes.
    if (first.producer_id != producer_id_) return false;
    auto it = in_flight_.find(first.topic_partition);
    return it != in_flight_.end() && !it->second.empty() &&
           *it->second.begin() == first.base_sequence;
}

void IdempotenceState::assign_sequence(ProducerBatch& batch) {
    if (batch.has_sequence()) return;  // a retry keeps its sequence
    KS_ASSERT(has_producer_id());
    int32_t& next = next_sequence_[batch.topic_partition];
    batch.producer_id = producer_id_;
    batch.producer_epoch = producer_epoch_;
    batch.base_sequence = next;
    next += batch.record_count();
    in_flight_[batch.topic_partition].insert(batch.base_sequence);
}

void IdempotenceState::on_acked(const ProducerBatch& batch) {
    if (batch.producer_id != producer_id_) return;
    in_flight_[batch.topic_partition].erase(batch.base_sequence);
    if (in_flight_[batch.topic_partition].empty()) in_flight_.erase(batch.topic_partition);
    int32_t& acked = last_acked_sequence_.try_emplace(batch.topic_partition, -1).first->second;
    if (batch.last_sequence() > acked) acked = batch.last_sequence();
}

void IdempotenceState::on_failed(const ProducerBatch& batch) {
    if (!batch.has_sequence() || batch.producer_id != producer_id_) return;
    in_flight_[batch.topic_partition].erase(batch.base_sequence);
    if (in_flight_[batch.topic_partition].empty()) in_flight_.erase(batch.topic_partition);
    reset_pending_ = true;
}

bool IdempotenceState::out_of_order_is_retriable(const ProducerBatch& batch) const {
    auto it = last_acked_sequence_.find(batch.topic_partition);
    const int32_t last_acked = it == last_acked_sequence_.end() ? -1 : it->second;
    return batch.base_sequence != last_acked + 1;
}

int32_t IdempotenceState::next_sequence(const TopicPartition& tp) const {
    auto it = next_sequence_.find(tp);
    return it == next_sequence_.end() ? 0 : it->second;
}

}  // namespace core::client
