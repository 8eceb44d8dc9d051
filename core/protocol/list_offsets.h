#pragma once
// ListOffsets (API key 2): the earliest or latest offset of partitions, for a consumer's
// auto.offset.reset and seekToBeginning/seekToEnd.
//
// Contract:
// - Send to the partition leader (else NOT_LEADER_OR_FOLLOWER). timestamp = -2
//   (kEarliestTimestamp) answers the log start offset; -1 (kLatestTimestamp) answers the
//   high watermark for a consumer (read_committed: the last stable offset), the log end
//   offset for a follower (replica_id >= 0). Other timestamps answer the first offset
//   whose record timestamp is >= it, or -1 when none.
// - current_leader_epoch is checked as in Fetch (FENCED_LEADER_EPOCH/UNKNOWN_LEADER_EPOCH).

#include <cstdint>
#include <vector>

#include "core/protocol/fetch.h"
#include "core/protocol/kafka_message.h"

namespace core::protocol {

constexpr int64_t kLatestTimestamp = -1;
constexpr int64_t kEarliestTimestamp = -2;

struct ListOffsetsPartition {
    TopicPartition topic_partition;
    int32_t current_leader_epoch = kNoLeaderEpoch;
    int64_t timestamp = kLatestTimestamp;
};

class ListOffsetsRequest : public KafkaRequest<ApiKey::ListOffsets> {
 public:
    int32_t replica_id = kConsumerReplicaId;
    IsolationLevel isolation_level = IsolationLevel::ReadUncommitted;
    std::vector<ListOffsetsPartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(replica_id);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.timestamp);
        return d.value();
    }
};

struct ListOffsetsPartitionResponse {
    TopicPartition topic_partition;
    Error error = Error::NONE;
    int64_t timestamp = -1;
    Offset offset = kNoOffset;
    int32_t leader_epoch = kNoLeaderEpoch;
};

class ListOffsetsResponse : public KafkaResponse<ApiKey::ListOffsets> {
 public:
    std::vector<ListOffsetsPartitionResponse> responses;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& r : responses) d.add(r.topic_partition).add(r.error).add(r.offset);
        return d.value();
    }
};

}  // namespace core::protocol
