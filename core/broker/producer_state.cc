#include "core/broker/producer_state.h"

#include <algorithm>
#include <climits>

#include "core/protocol/control_record.h"
#include "sim/assert.h"

namespace core::broker {

using protocol::Error;

namespace {

// Sequences wrap from INT_MAX to 0, as Kafka's do.
bool in_sequence(int32_t last_sequence, int32_t next_sequence) {
    return next_sequence == last_sequence + 1 || (next_sequence == 0 && last_sequence == INT_MAX);
}

}  // namespace

const ProducerStateEntry* ProducerStateManager::entry(int64_t producer_id) const {
    auto it = producers_.find(producer_id);
    return it == producers_.end() ? nullptr : &it->second;
}

void ProducerStateManager::clear() {
    producers_.clear();
    ongoing_txns_.clear();
    unreplicated_txns_.clear();
    aborted_txns_.clear();
}

ProducerAppendCheck ProducerStateManager::check(const protocol::RecordBatch& batch) const {
    ProducerAppendCheck result;
    if (batch.producer_id == kNoProducerId) return result;
    if (batch.is_control) return check_end_txn_marker(batch);
    const ProducerStateEntry* current = entry(batch.producer_id);
    if (current == nullptr) {
        // Unknown producer (new, or its state was lost to retention): any sequence goes.
        return result;
    }
    if (batch.producer_epoch < current->producer_epoch) {
        result.error = Error::INVALID_PRODUCER_EPOCH;
        return result;
    }
    // Kafka's ProducerAppendInfo: a producer with an open transaction writes only
    // transactional batches until a marker ends it.
    if (!batch.is_transactional && current->current_txn_first_offset != kNoOffset) {
        result.error = Error::INVALID_TXN_STATE;
        return result;
    }
    // A coordinator's batch (a transaction's offsets in __consumer_offsets) carries no
    // sequence: Kafka skips the sequence checks for that origin.
    if (batch.base_sequence == kNoSequence) return result;
    if (batch.producer_epoch > current->producer_epoch) {
        // A bumped epoch restarts sequences at 0.
        if (batch.base_sequence != 0) result.error = Error::OUT_OF_ORDER_SEQUENCE_NUMBER;
        return result;
    }
    for (const BatchMetadata& b : current->batches) {
        if (b.first_sequence == batch.base_sequence && b.last_sequence == batch.last_sequence()) {
            result.duplicate = b;
            return result;
        }
    }
    const int32_t last =
        current->batches.empty() ? kNoSequence : current->batches.back().last_sequence;
    if (last != kNoSequence && !in_sequence(last, batch.base_sequence)) {
        result.error = Error::OUT_OF_ORDER_SEQUENCE_NUMBER;
    }
    return result;
}

ProducerAppendCheck ProducerStateManager::check_end_txn_marker(
    const protocol::RecordBatch& marker) const {
    ProducerAppendCheck result;
    const ProducerStateEntry* current = entry(marker.producer_id);
    if (current == nullptr) return result;
    // Kafka's appendEndTxnMarker: a marker from a fenced producer epoch or from a
    // coordinator older than the last one that wrote for this producer is refused.
    if (marker.producer_epoch < current->producer_epoch) {
        result.error = Error::INVALID_PRODUCER_EPOCH;
    } else if (auto end = protocol::end_transaction_marker(marker);
               end && end->coordinator_epoch < current->coordinator_epoch) {
        result.error = Error::TRANSACTION_COORDINATOR_FENCED;
    }
    return result;
}

void ProducerStateManager::update(const protocol::RecordBatch& written) {
    if (written.producer_id == kNoProducerId || written.records.empty()) return;
    KS_ASSERT(written.base_offset != kNoOffset);
    ProducerStateEntry& e = producers_[written.producer_id];
    if (written.producer_epoch != e.producer_epoch) {
        e.producer_epoch = written.producer_epoch;
        e.batches.clear();
    }
    if (written.is_control) {
        complete_txn(written.producer_id, e, written);
        return;
    }
    e.batches.push_back({written.base_sequence, written.last_sequence(), written.base_offset,
                         written.last_offset()});
    while (e.batches.size() > kNumBatchesToRetain) e.batches.pop_front();
    if (written.is_transactional && e.current_txn_first_offset == kNoOffset) {
        e.current_txn_first_offset = written.base_offset;
        ongoing_txns_[written.base_offset] = written.producer_id;
    }
}

void ProducerStateManager::complete_txn(int64_t producer_id, ProducerStateEntry& entry,
                                        const protocol::RecordBatch& marker) {
    KS_ASSERT(marker.records.size() == 1);
    auto end = protocol::end_transaction_marker(marker);
    KS_ASSERT(end.has_value());
    entry.coordinator_epoch = end->coordinator_epoch;
    const Offset marker_offset = marker.base_offset;
    // A marker for a producer with nothing open here (a retried marker, or an abort of a
    // transaction that never wrote to this partition) completes an empty transaction.
    const Offset first_offset = entry.current_txn_first_offset;
    entry.current_txn_first_offset = kNoOffset;
    if (first_offset == kNoOffset) return;
    ongoing_txns_.erase(first_offset);
    unreplicated_txns_[marker_offset] = first_offset;
    if (end->control_type == protocol::ControlRecordType::ABORT) {
        aborted_txns_.push_back({producer_id, first_offset, marker_offset});
    }
}

Offset ProducerStateManager::first_unstable_offset() const {
    Offset first = kNoOffset;
    if (!ongoing_txns_.empty()) first = ongoing_txns_.begin()->first;
    for (const auto& [marker_offset, first_offset] : unreplicated_txns_) {
        if (first == kNoOffset || first_offset < first) first = first_offset;
    }
    return first;
}

void ProducerStateManager::on_high_watermark_update(Offset high_watermark) {
    while (!unreplicated_txns_.empty() && unreplicated_txns_.begin()->first < high_watermark) {
        unreplicated_txns_.erase(unreplicated_txns_.begin());
    }
}

std::vector<AbortedTxn> ProducerStateManager::collect_aborted_transactions(
    Offset start_offset, Offset upper_bound_offset) const {
    std::vector<AbortedTxn> out;
    for (const AbortedTxn& txn : aborted_txns_) {
        if (txn.last_offset >= start_offset && txn.first_offset < upper_bound_offset) {
            out.push_back(txn);
        }
    }
    std::sort(out.begin(), out.end(), [](const AbortedTxn& a, const AbortedTxn& b) {
        return a.first_offset < b.first_offset;
    });
    return out;
}

}  // namespace core::broker
