#pragma once
// Fetch (API key 1): consumers and follower replicas read record batches from a leader.
//
// Contract:
// - replica_id = -1 for a consumer, the follower's broker id for a follower. A consumer
//   reads only below the high watermark (read_committed: below the last stable offset);
//   a follower reads up to the log end and, by fetching offset N, tells the leader its log
//   end offset is N (that is how the leader tracks follower progress and the ISR).
// - current_leader_epoch (-1 = unknown, skip the check): older than the leader's epoch →
//   FENCED_LEADER_EPOCH; newer → UNKNOWN_LEADER_EPOCH; the fetcher refreshes metadata.
// - A follower sends last_fetched_epoch, the epoch of the last batch it holds (KIP-595
//   style). When the leader's log diverges from it, the partition answers with
//   diverging_epoch {epoch, end_offset} and no records: the follower truncates to
//   min(end_offset, its own end offset for that epoch) and fetches again (KIP-101/279).
// - fetch_offset outside [log_start_offset, log_end_offset] → OFFSET_OUT_OF_RANGE (a
//   follower behind the leader's log start restarts its log at the leader's log start).
// - The leader answers at once when it has min_bytes of data or an error, else holds the
//   request up to max_wait_ms (long poll) and answers with whatever it has then.

#include <cstdint>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

enum class IsolationLevel : int8_t { ReadUncommitted = 0, ReadCommitted = 1 };

struct FetchPartition {
    TopicPartition topic_partition;
    int32_t current_leader_epoch = kNoLeaderEpoch;
    Offset fetch_offset = 0;
    /// Epoch of the follower's last batch; -1 from consumers (no divergence check).
    int32_t last_fetched_epoch = kNoLeaderEpoch;
    /// The follower's log start offset (informational, as in Kafka).
    Offset log_start_offset = kNoOffset;
    int32_t partition_max_bytes = 1048576;
};

class FetchRequest : public KafkaRequest<ApiKey::Fetch> {
 public:
    int32_t replica_id = kConsumerReplicaId;
    /// The follower's broker epoch (KIP-903); -1 from consumers.
    int64_t replica_epoch = -1;
    int32_t max_wait_ms = 500;
    int32_t min_bytes = 1;
    int32_t max_bytes = 52428800;
    IsolationLevel isolation_level = IsolationLevel::ReadUncommitted;
    std::vector<FetchPartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(replica_id).add(max_wait_ms);
        for (const auto& p : partitions) {
            d.add(p.topic_partition).add(p.current_leader_epoch).add(p.fetch_offset);
            d.add(p.last_fetched_epoch);
        }
        return d.value();
    }
};

/// KIP-595's EpochEndOffset: where the leader's log for `epoch` ends.
struct EpochEndOffset {
    int32_t epoch = kNoLeaderEpoch;
    Offset end_offset = kNoOffset;
    bool present() const { return epoch != kNoLeaderEpoch || end_offset != kNoOffset; }
};

/// The leader a broker believes in, sent with NOT_LEADER_OR_FOLLOWER/FENCED_LEADER_EPOCH.
struct LeaderIdAndEpoch {
    int32_t leader_id = kNoLeader;
    int32_t leader_epoch = kNoLeaderEpoch;
};

/// Kafka's FetchResponse AbortedTransaction: a read_committed consumer drops the
/// transactional batches of `producer_id` from `first_offset` up to its ABORT marker.
struct AbortedTransaction {
    int64_t producer_id = kNoProducerId;
    Offset first_offset = kNoOffset;
};

struct FetchablePartitionResponse {
    TopicPartition topic_partition;
    Error error = Error::NONE;
    Offset high_watermark = kNoOffset;
    Offset last_stable_offset = kNoOffset;
    Offset log_start_offset = kNoOffset;
    /// Set (present()) when the follower's log diverges; then `records` is empty.
    EpochEndOffset diverging_epoch;
    LeaderIdAndEpoch current_leader;
    /// read_committed only: the aborted transactions overlapping the records returned.
    std::vector<AbortedTransaction> aborted_transactions;
    std::vector<RecordBatch> records;
};

class FetchResponse : public KafkaResponse<ApiKey::Fetch> {
 public:
    /// Top-level error (e.g. a fetch from a broker that is shutting down); NONE usually.
    Error error = Error::NONE;
    int32_t throttle_time_ms = 0;
    std::vector<FetchablePartitionResponse> responses;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error);
        for (const auto& r : responses) {
            d.add(r.topic_partition).add(r.error).add(r.high_watermark);
            d.add(r.diverging_epoch.epoch).add(r.diverging_epoch.end_offset);
            d.add(static_cast<uint64_t>(r.records.size()));
            if (!r.records.empty()) d.add(r.records.back());
        }
        return d.value();
    }
    uint32_t size_bytes() const override {
        uint32_t bytes = 64;
        for (const auto& r : responses) {
            for (const auto& b : r.records) bytes += b.size_bytes();
        }
        return bytes;
    }
};

}  // namespace core::protocol
