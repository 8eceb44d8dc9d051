#pragma once
// Produce (API key 0): a producer writes record batches to partition leaders.
//
// Contract:
// - Send to the partition's leader; a broker that is not the leader answers that partition
//   with NOT_LEADER_OR_FOLLOWER (refresh metadata, retry).
// - acks = 0: the broker never answers. acks = 1: it answers after the leader's append.
//   acks = -1 ("all"): it rejects with NOT_ENOUGH_REPLICAS when the ISR is smaller than
//   min.insync.replicas, else answers once the high watermark passes the batch, or with
//   REQUEST_TIMED_OUT after timeout_ms. Other acks values: INVALID_REQUIRED_ACKS.
// - One batch per partition a request. An idempotent batch (producer_id >= 0) that
//   duplicates one of the last five of its producer answers NONE with the offset the
//   original got; a gap answers OUT_OF_ORDER_SEQUENCE_NUMBER; an old producer epoch
//   answers INVALID_PRODUCER_EPOCH.
// - base_offset is the offset of the batch's first record (-1 on error).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

constexpr int16_t kAcksNone = 0;
constexpr int16_t kAcksLeader = 1;
constexpr int16_t kAcksAll = -1;

struct PartitionProduceData {
    TopicPartition topic_partition;
    RecordBatch records;
};

class ProduceRequest : public KafkaRequest<ApiKey::Produce> {
 public:
    /// Set only for transactional producers (Kafka's transactional_id).
    std::optional<std::string> transactional_id;
    int16_t acks = kAcksAll;
    int32_t timeout_ms = 30000;
    std::vector<PartitionProduceData> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(acks).add(timeout_ms);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.records);
        return d.value();
    }
    uint32_t size_bytes() const override {
        uint32_t bytes = 64;
        for (const auto& p : partitions) bytes += p.records.size_bytes();
        return bytes;
    }
};

struct PartitionProduceResponse {
    TopicPartition topic_partition;
    Error error = Error::NONE;
    Offset base_offset = kNoOffset;
    /// -1 unless the topic uses LogAppendTime.
    int64_t log_append_time_ms = -1;
    Offset log_start_offset = kNoOffset;
    std::string error_message;
};

class ProduceResponse : public KafkaResponse<ApiKey::Produce> {
 public:
    std::vector<PartitionProduceResponse> responses;
    int32_t throttle_time_ms = 0;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& r : responses) {
            d.add(r.topic_partition).add(r.error).add(r.base_offset);
        }
        return d.value();
    }
};

}  // namespace core::protocol
