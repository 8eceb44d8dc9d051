#pragma once
// Idempotent producer state of one partition (Kafka's ProducerStateManager): per producer
// id, its epoch and the metadata of its last five batches, so the leader drops retried
// duplicates (answering the original offset) and rejects gaps and fenced epochs. Kept on
// followers too (they apply the same batches), so a new leader dedups after failover.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>

#include "core/protocol/errors.h"
#include "core/protocol/record.h"

namespace core::broker {

/// Kafka keeps the last 5 batches per producer (max.in.flight.requests.per.connection <= 5
/// is what idempotence allows).
constexpr size_t kNumBatchesToRetain = 5;

struct BatchMetadata {
    int32_t first_sequence = kNoSequence;
    int32_t last_sequence = kNoSequence;
    Offset first_offset = kNoOffset;
    Offset last_offset = kNoOffset;
};

struct ProducerStateEntry {
    int16_t producer_epoch = kNoProducerEpoch;
    std::deque<BatchMetadata> batches;
};

struct ProducerAppendCheck {
    protocol::Error error = protocol::Error::NONE;
    /// Set when the batch duplicates a retained one: answer with its offsets, append nothing.
    std::optional<BatchMetadata> duplicate;
};

class ProducerStateManager {
 public:
    /// The leader's validation of an incoming batch before it is appended.
    ProducerAppendCheck check(const protocol::RecordBatch& batch) const;
    /// Records a batch as written (leader after append, follower on replication, recovery).
    void update(const protocol::RecordBatch& written);
    void clear() { producers_.clear(); }

    const ProducerStateEntry* entry(int64_t producer_id) const;
    size_t producer_count() const { return producers_.size(); }

 private:
    std::map<int64_t, ProducerStateEntry> producers_;
};

}  // namespace core::broker
