#include "core/broker/producer_state.h"

#include <climits>

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

ProducerAppendCheck ProducerStateManager::check(const protocol::RecordBatch& batch) const {
    ProducerAppendCheck result;
    if (batch.producer_id == kNoProducerId) return result;
    const ProducerStateEntry* current = entry(batch.producer_id);
    if (current == nullptr) {
        // Unknown producer (new, or its state was lost to retention): any sequence goes.
        return result;
    }
    if (batch.producer_epoch < current->producer_epoch) {
        result.error = Error::INVALID_PRODUCER_EPOCH;
        return result;
    }
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

void ProducerStateManager::update(const protocol::RecordBatch& written) {
    if (written.producer_id == kNoProducerId || written.records.empty()) return;
    KS_ASSERT(written.base_offset != kNoOffset);
    ProducerStateEntry& e = producers_[written.producer_id];
    if (written.producer_epoch != e.producer_epoch) {
        e.producer_epoch = written.producer_epoch;
        e.batches.clear();
    }
    e.batches.push_back({written.base_sequence, written.last_sequence(), written.base_offset,
                         written.last_offset()});
    while (e.batches.size() > kNumBatchesToRetain) e.batches.pop_front();
}

}  // namespace core::broker
