// __consumer_offsets: group → partition, and its records in the internal record codec
// (Kafka uses versioned binary schemas; only this code reads these records).

#include "core/group/offsets_topic.h"

#include <limits>

#include "core/common/internal_record_codec.h"
#include "sim/assert.h"

namespace core::group {

namespace {

using Writer = InternalRecordWriter;
using Reader = InternalRecordReader;

void put_partitions(Writer& w, const std::vector<TopicPartition>& partitions) {
    w.put(static_cast<int64_t>(partitions.size()));
    for (const auto& tp : partitions) w.put(tp.topic).put(tp.partition);
}

std::vector<TopicPartition> get_partitions(Reader& r) {
    std::vector<TopicPartition> out;
    const int64_t count = r.get_count();
    for (int64_t i = 0; r.ok() && i < count; ++i) {
        TopicPartition tp;
        tp.topic = r.get_string();
        tp.partition = r.get_int32();
        out.push_back(std::move(tp));
    }
    return out;
}

// Kafka's key versions: OffsetCommitKey is version 0/1, GroupMetadataKey version 2.
constexpr int64_t kOffsetCommitKeyVersion = 1;
constexpr int64_t kGroupMetadataKeyVersion = 2;

void put_member(Writer& w, const MemberMetadataValue& m) {
    w.put(m.member_id).put_bool(m.group_instance_id.has_value());
    w.put(m.group_instance_id.value_or(""));
    w.put(m.client_id).put(m.rebalance_timeout_ms).put(m.session_timeout_ms);
    w.put(static_cast<int64_t>(m.subscription.topics.size()));
    for (const auto& topic : m.subscription.topics) w.put(topic);
    put_partitions(w, m.subscription.owned_partitions);
    w.put(m.subscription.generation_id);
    put_partitions(w, m.assignment.assigned_partitions);
}

MemberMetadataValue get_member(Reader& r) {
    MemberMetadataValue m;
    m.member_id = r.get_string();
    const bool has_instance = r.get_bool();
    std::string instance = r.get_string();
    if (has_instance) m.group_instance_id = std::move(instance);
    m.client_id = r.get_string();
    m.rebalance_timeout_ms = r.get_int32();
    m.session_timeout_ms = r.get_int32();
    const int64_t topics = r.get_count();
    for (int64_t i = 0; r.ok() && i < topics; ++i) m.subscription.topics.push_back(r.get_string());
    m.subscription.owned_partitions = get_partitions(r);
    m.subscription.generation_id = r.get_int32();
    m.assignment.assigned_partitions = get_partitions(r);
    return m;
}

}  // namespace

int32_t partition_for(std::string_view group_id, int32_t offsets_topic_num_partitions) {
    KS_ASSERT(offsets_topic_num_partitions > 0);
    const int32_t hash = java_string_hash(group_id);
    // Kafka's Utils.abs maps Integer.MIN_VALUE to 0 instead of overflowing.
    const int32_t abs = hash == std::numeric_limits<int32_t>::min() ? 0 : (hash < 0 ? -hash : hash);
    return abs % offsets_topic_num_partitions;
}

protocol::Record offset_commit_record(const std::string& group_id, const TopicPartition& tp,
                                      const OffsetAndMetadata& value) {
    protocol::Record record;
    record.has_key = true;
    record.key = Writer().put(kOffsetCommitKeyVersion).put(group_id).put(tp.topic)
                     .put(tp.partition).take();
    record.value = Writer().put(value.committed_offset).put(value.leader_epoch)
                       .put(value.metadata).put(value.commit_timestamp_ms).take();
    record.timestamp_ms = value.commit_timestamp_ms;
    return record;
}

protocol::Record group_metadata_record(const std::string& group_id,
                                       const GroupMetadataValue& value) {
    protocol::Record record;
    record.has_key = true;
    record.key = Writer().put(kGroupMetadataKeyVersion).put(group_id).take();
    Writer w;
    w.put(value.protocol_type).put(value.generation_id).put(value.protocol_name);
    w.put(value.leader).put(value.current_state_timestamp_ms);
    w.put(static_cast<int64_t>(value.members.size()));
    for (const auto& m : value.members) put_member(w, m);
    record.value = w.take();
    record.timestamp_ms = value.current_state_timestamp_ms;
    return record;
}

std::optional<OffsetsTopicRecord> parse_offsets_topic_record(const protocol::Record& record) {
    if (!record.has_key) return std::nullopt;
    Reader key(record.key);
    OffsetsTopicRecord out;
    const int64_t version = key.get_int();
    out.group_id = key.get_string();
    out.tombstone = record.value.empty();
    Reader value(record.value);
    if (version == kOffsetCommitKeyVersion) {
        out.kind = OffsetsTopicRecord::Kind::OffsetCommit;
        out.topic_partition.topic = key.get_string();
        out.topic_partition.partition = key.get_int32();
        if (!out.tombstone) {
            out.offset.committed_offset = value.get_int();
            out.offset.leader_epoch = value.get_int32();
            out.offset.metadata = value.get_string();
            out.offset.commit_timestamp_ms = value.get_int();
        }
    } else if (version == kGroupMetadataKeyVersion) {
        out.kind = OffsetsTopicRecord::Kind::GroupMetadata;
        if (!out.tombstone) {
            out.group.protocol_type = value.get_string();
            out.group.generation_id = value.get_int32();
            out.group.protocol_name = value.get_string();
            out.group.leader = value.get_string();
            out.group.current_state_timestamp_ms = value.get_int();
            const int64_t members = value.get_count();
            for (int64_t i = 0; value.ok() && i < members; ++i) {
                out.group.members.push_back(get_member(value));
            }
        }
    } else {
        return std::nullopt;
    }
    // A value must be read to its last byte: trailing bytes mean a layout we did not write.
    if (!key.ok() || !key.at_end()) return std::nullopt;
    if (!out.tombstone && (!value.ok() || !value.at_end())) return std::nullopt;
    return out;
}

}  // namespace core::group
