#pragma once
// OffsetForLeaderEpoch (API key 23): where a leader's log for a given leader epoch ends,
// so a consumer validates its position after a leader change (KIP-320) and a follower
// finds its truncation point (KIP-101/279).
//
// Contract:
// - Send to the partition leader (else NOT_LEADER_OR_FOLLOWER); current_leader_epoch is
//   checked as in Fetch (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH).
// - Each partition answers the largest epoch <= leader_epoch the leader knows and the
//   start offset of the next larger epoch (its log end offset when none is larger); an
//   epoch below every known one answers UNDEFINED_EPOCH (-1) and offset -1.

#include <cstdint>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

/// replica_id of a consumer's OffsetForLeaderEpoch (Kafka's DEBUGGING_REPLICA_ID default).
constexpr int32_t kDebuggingReplicaId = -2;

struct OffsetForLeaderPartition {
    TopicPartition topic_partition;
    int32_t current_leader_epoch = kNoLeaderEpoch;
    int32_t leader_epoch = kNoLeaderEpoch;
};

class OffsetForLeaderEpochRequest : public KafkaRequest<ApiKey::OffsetForLeaderEpoch> {
 public:
    int32_t replica_id = kDebuggingReplicaId;
    std::vector<OffsetForLeaderPartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(replica_id);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.leader_epoch);
        return d.value();
    }
};

struct OffsetForLeaderEpochPartitionResult {
    TopicPartition topic_partition;
    Error error = Error::NONE;
    int32_t leader_epoch = kNoLeaderEpoch;
    Offset end_offset = kNoOffset;
};

class OffsetForLeaderEpochResponse : public KafkaResponse<ApiKey::OffsetForLeaderEpoch> {
 public:
    int32_t throttle_time_ms = 0;
    std::vector<OffsetForLeaderEpochPartitionResult> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& p : partitions) {
            d.add(p.topic_partition).add(p.error).add(p.leader_epoch).add(p.end_offset);
        }
        return d.value();
    }
};

}  // namespace core::protocol
