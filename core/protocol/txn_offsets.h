#pragma once
// sendOffsetsToTransaction's two requests (KIP-98, KIP-447): AddOffsetsToTxn (API key 25)
// to the transaction coordinator and TxnOffsetCommit (API key 28) to the group
// coordinator.
//
// Contract:
// - AddOffsetsToTxn adds the group's __consumer_offsets partition (abs(hash(group_id)) %
//   offsets.topic.num.partitions) to the transaction, with AddPartitionsToTxn's errors;
//   its markers then end the offsets commit with the transaction.
// - TxnOffsetCommit, after AddOffsetsToTxn, writes the offsets as a transactional batch of
//   the producer into __consumer_offsets. They stay pending (OffsetFetch does not return
//   them; with require_stable it answers UNSTABLE_OFFSET_COMMIT) until the transaction's
//   COMMIT marker lands in that partition; an ABORT marker drops them.
// - The group coordinator answers NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS as for
//   OffsetCommit; a known member's stale generation is ILLEGAL_GENERATION (KIP-447).

#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

class AddOffsetsToTxnRequest : public KafkaRequest<ApiKey::AddOffsetsToTxn> {
 public:
    std::string transactional_id;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    std::string group_id;

    uint64_t digest() const override {
        return Digest()
            .add(correlation_id)
            .add(transactional_id)
            .add(producer_id)
            .add(producer_epoch)
            .add(group_id)
            .value();
    }
};

class AddOffsetsToTxnResponse : public KafkaResponse<ApiKey::AddOffsetsToTxn> {
 public:
    Error error = Error::NONE;

    uint64_t digest() const override { return Digest().add(correlation_id).add(error).value(); }
};

struct TxnOffsetCommitPartition {
    TopicPartition topic_partition;
    Offset committed_offset = kNoOffset;
    int32_t committed_leader_epoch = kNoLeaderEpoch;
    std::string committed_metadata;
};

class TxnOffsetCommitRequest : public KafkaRequest<ApiKey::TxnOffsetCommit> {
 public:
    std::string transactional_id;
    std::string group_id;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    /// KIP-447 group metadata; -1 / "" skip the generation check.
    int32_t generation_id = -1;
    std::string member_id;
    std::vector<TxnOffsetCommitPartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(transactional_id).add(group_id).add(producer_id);
        d.add(producer_epoch).add(generation_id).add(member_id);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.committed_offset);
        return d.value();
    }
};

struct TxnOffsetCommitPartitionResult {
    TopicPartition topic_partition;
    Error error = Error::NONE;
};

class TxnOffsetCommitResponse : public KafkaResponse<ApiKey::TxnOffsetCommit> {
 public:
    std::vector<TxnOffsetCommitPartitionResult> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.error);
        return d.value();
    }
};

}  // namespace core::protocol
