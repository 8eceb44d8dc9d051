#pragma once
// OffsetCommit (API key 8) and OffsetFetch (9): a group's committed positions, kept by its
// coordinator in __consumer_offsets.
//
// Contract:
// - Both go to the group's coordinator (NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS
//   otherwise, per partition for OffsetCommit, top level for OffsetFetch).
// - OffsetCommit from a group member carries its generation_id and member_id: an unknown
//   member gets UNKNOWN_MEMBER_ID, another generation ILLEGAL_GENERATION, a group in
//   CompletingRebalance REBALANCE_IN_PROGRESS. generation_id = -1 with an empty member id
//   is a standalone (assign()) consumer, accepted while the group has no members.
// - An accepted commit is answered once its record is committed in __consumer_offsets
//   (acks=all); an append failure answers NOT_COORDINATOR or COORDINATOR_NOT_AVAILABLE.
// - OffsetFetch answers committed_offset -1 for a partition without a commit.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/kafka_message.h"

namespace core::protocol {

struct OffsetCommitRequestPartition {
    TopicPartition topic_partition;
    Offset committed_offset = kNoOffset;
    /// The leader epoch of the last consumed record (KIP-320), -1 when unknown.
    int32_t committed_leader_epoch = kNoLeaderEpoch;
    std::string committed_metadata;
};

class OffsetCommitRequest : public KafkaRequest<ApiKey::OffsetCommit> {
   public:
    std::string group_id;
    int32_t generation_id = -1;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::vector<OffsetCommitRequestPartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(group_id).add(generation_id).add(member_id);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.committed_offset);
        return d.value();
    }
};

struct OffsetCommitResponsePartition {
    TopicPartition topic_partition;
    Error error = Error::NONE;
};

class OffsetCommitResponse : public KafkaResponse<ApiKey::OffsetCommit> {
   public:
    std::vector<OffsetCommitResponsePartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.error);
        return d.value();
    }
};

class OffsetFetchRequest : public KafkaRequest<ApiKey::OffsetFetch> {
   public:
    std::string group_id;
    /// nullopt asks for every partition the group has committed.
    std::optional<std::vector<TopicPartition>> partitions;
    /// KIP-447: wait for pending transactional offsets (UNSTABLE_OFFSET_COMMIT).
    bool require_stable = false;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(group_id);
        if (partitions) {
            for (const auto& tp : *partitions) d.add(tp);
        }
        return d.value();
    }
};

struct OffsetFetchResponsePartition {
    TopicPartition topic_partition;
    Offset committed_offset = kNoOffset;
    int32_t committed_leader_epoch = kNoLeaderEpoch;
    std::string metadata;
    Error error = Error::NONE;
};

class OffsetFetchResponse : public KafkaResponse<ApiKey::OffsetFetch> {
   public:
    Error error = Error::NONE;
    std::vector<OffsetFetchResponsePartition> partitions;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error);
        for (const auto& p : partitions) d.add(p.topic_partition).add(p.committed_offset);
        return d.value();
    }
};

}  // namespace core::protocol
