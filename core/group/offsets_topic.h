#pragma once
// The internal topic __consumer_offsets (Kafka's GroupMetadataManager record side): which
// partition holds a group (Java String.hashCode, not murmur2), and the records a
// coordinator appends there — offset commits keyed by (group, topic, partition) and group
// metadata keyed by group — so a new coordinator rebuilds both by reading the partition.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/java_string_hash.h"
#include "core/protocol/group.h"
#include "core/protocol/record.h"

namespace core::group {

inline constexpr std::string_view kOffsetsTopic = "__consumer_offsets";

/// Kafka's Utils.abs(groupId.hashCode) % groupMetadataTopicPartitionCount.
int32_t partition_for(std::string_view group_id, int32_t offsets_topic_num_partitions);

/// Kafka's OffsetAndMetadata as stored in an OffsetCommitValue.
struct OffsetAndMetadata {
    Offset committed_offset = kNoOffset;
    int32_t leader_epoch = kNoLeaderEpoch;
    std::string metadata;
    int64_t commit_timestamp_ms = 0;
};

/// Kafka's MemberMetadataValue (the member's subscription and assignment).
struct MemberMetadataValue {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    int32_t rebalance_timeout_ms = 0;
    int32_t session_timeout_ms = 0;
    protocol::ConsumerProtocolSubscription subscription;
    protocol::ConsumerProtocolAssignment assignment;
};

/// Kafka's GroupMetadataValue: the generation the group completed last.
struct GroupMetadataValue {
    std::string protocol_type;
    int32_t generation_id = 0;
    std::string protocol_name;
    std::string leader;
    int64_t current_state_timestamp_ms = 0;
    std::vector<MemberMetadataValue> members;
};

/// One record of __consumer_offsets, decoded. A null value (tombstone) removes the key.
struct OffsetsTopicRecord {
    enum class Kind { OffsetCommit, GroupMetadata };
    Kind kind = Kind::OffsetCommit;
    std::string group_id;
    TopicPartition topic_partition;  ///< OffsetCommit only
    bool tombstone = false;
    OffsetAndMetadata offset;  ///< OffsetCommit only
    GroupMetadataValue group;  ///< GroupMetadata only
};

protocol::Record offset_commit_record(const std::string& group_id, const TopicPartition& tp,
                                      const OffsetAndMetadata& value);
protocol::Record group_metadata_record(const std::string& group_id,
                                       const GroupMetadataValue& value);
/// nullopt for a record this code did not write (ignored when loading).
std::optional<OffsetsTopicRecord> parse_offsets_topic_record(const protocol::Record& record);

}  // namespace core::group
