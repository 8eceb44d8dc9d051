#pragma once
// Idempotent producer state of one partition (Kafka's ProducerStateManager): per producer
// id, its epoch and the metadata of its last five batches, so the leader drops retried
// duplicates (answering the original offset) and rejects gaps and fenced epochs. Kept on
// followers too (they apply the same batches), so a new leader dedups after failover.
// Transactions (KIP-98): each producer's open transaction (its first offset), the
// transactions whose markers are not yet below the high watermark, and the aborted ones
// (Kafka's transaction index), which give the last stable offset and what read_committed
// consumers must drop.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

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
    /// Kafka's currentTxnFirstOffset: where the producer's open transaction starts here.
    Offset current_txn_first_offset = kNoOffset;
    /// The epoch of the transaction coordinator that wrote this producer's last marker.
    int32_t coordinator_epoch = -1;
};

/// Kafka's AbortedTxn (one transaction index entry): the records of `producer_id` from
/// `first_offset` up to the ABORT marker at `last_offset` are not to be read committed.
struct AbortedTxn {
    int64_t producer_id = kNoProducerId;
    Offset first_offset = kNoOffset;
    Offset last_offset = kNoOffset;
    bool operator==(const AbortedTxn&) const = default;
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
    void clear();

    /// Kafka's firstUnstableOffset: the first offset of the oldest transaction that is open
    /// or whose marker is not yet below the high watermark; kNoOffset when none is.
    Offset first_unstable_offset() const;
    /// The high watermark moved: transactions whose marker is below it become stable.
    void on_high_watermark_update(Offset high_watermark);
    /// Kafka's collectAbortedTxns: the aborted transactions with records in
    /// [start_offset, upper_bound_offset), by first offset.
    std::vector<AbortedTxn> collect_aborted_transactions(Offset start_offset,
                                                         Offset upper_bound_offset) const;

    const ProducerStateEntry* entry(int64_t producer_id) const;
    size_t producer_count() const { return producers_.size(); }

 private:
    ProducerAppendCheck check_end_txn_marker(const protocol::RecordBatch& marker) const;
    void complete_txn(int64_t producer_id, ProducerStateEntry& entry,
                      const protocol::RecordBatch& marker);

    std::map<int64_t, ProducerStateEntry> producers_;
    /// Kafka's ongoingTxns: open transactions by first offset -> producer id.
    std::map<Offset, int64_t> ongoing_txns_;
    /// Kafka's unreplicatedTxns: completed transactions by marker offset -> first offset,
    /// unstable until the high watermark passes the marker.
    std::map<Offset, Offset> unreplicated_txns_;
    /// The transaction index, in marker order.
    std::vector<AbortedTxn> aborted_txns_;
};

}  // namespace core::broker
