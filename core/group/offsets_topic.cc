// __consumer_offsets: group → partition, and a small length-prefixed text codec for the
// records (Kafka uses versioned binary schemas; only this code reads these records).

#include "core/group/offsets_topic.h"

#include <limits>

#include "sim/assert.h"

namespace core::group {

namespace {

/// Appends fields: integers as "<decimal>;", strings as "<length>:<bytes>".
class Writer {
   public:
    Writer& put(int64_t value) {
        out_ += std::to_string(value);
        out_ += ';';
        return *this;
    }
    Writer& put(const std::string& text) {
        out_ += std::to_string(text.size());
        out_ += ':';
        out_ += text;
        return *this;
    }
    Writer& put(const std::vector<TopicPartition>& partitions) {
        put(static_cast<int64_t>(partitions.size()));
        for (const auto& tp : partitions) put(tp.topic).put(tp.partition);
        return *this;
    }
    std::string take() { return std::move(out_); }

   private:
    std::string out_;
};

class Reader {
   public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    int64_t get_int() { return number(';'); }
    std::string get_string() {
        const int64_t length = number(':');
        if (!ok_ || length < 0 || static_cast<size_t>(length) > in_.size() - pos_) {
            ok_ = false;
            return {};
        }
        std::string text(in_.substr(pos_, static_cast<size_t>(length)));
        pos_ += static_cast<size_t>(length);
        return text;
    }
    std::vector<TopicPartition> get_partitions() {
        std::vector<TopicPartition> out;
        const int64_t count = get_int();
        for (int64_t i = 0; ok_ && i < count; ++i) {
            TopicPartition tp;
            tp.topic = get_string();
            tp.partition = static_cast<int32_t>(get_int());
            out.push_back(std::move(tp));
        }
        return out;
    }

   private:
    int64_t number(char end) {
        const size_t stop = in_.find(end, pos_);
        if (!ok_ || stop == std::string_view::npos || stop == pos_) {
            ok_ = false;
            return 0;
        }
        int64_t value = 0;
        bool negative = in_[pos_] == '-';
        for (size_t i = pos_ + (negative ? 1 : 0); i < stop; ++i) {
            if (in_[i] < '0' || in_[i] > '9') ok_ = false;
            value = value * 10 + (in_[i] - '0');
        }
        pos_ = stop + 1;
        return negative ? -value : value;
    }

    std::string_view in_;
    size_t pos_ = 0;
    bool ok_ = true;
};

constexpr int64_t kOffsetCommitKeyVersion = 1;
constexpr int64_t kGroupMetadataKeyVersion = 2;

void put_member(Writer& w, const MemberMetadataValue& m) {
    w.put(m.member_id).put(m.group_instance_id ? 1 : 0).put(m.group_instance_id.value_or(""));
    w.put(m.client_id).put(m.rebalance_timeout_ms).put(m.session_timeout_ms);
    w.put(static_cast<int64_t>(m.subscription.topics.size()));
    for (const auto& topic : m.subscription.topics) w.put(topic);
    w.put(m.subscription.owned_partitions).put(m.subscription.generation_id);
    w.put(m.assignment.assigned_partitions);
}

MemberMetadataValue get_member(Reader& r) {
    MemberMetadataValue m;
    m.member_id = r.get_string();
    const bool has_instance = r.get_int() != 0;
    std::string instance = r.get_string();
    if (has_instance) m.group_instance_id = std::move(instance);
    m.client_id = r.get_string();
    m.rebalance_timeout_ms = static_cast<int32_t>(r.get_int());
    m.session_timeout_ms = static_cast<int32_t>(r.get_int());
    const int64_t topics = r.get_int();
    for (int64_t i = 0; r.ok() && i < topics; ++i) m.subscription.topics.push_back(r.get_string());
    m.subscription.owned_partitions = r.get_partitions();
    m.subscription.generation_id = static_cast<int32_t>(r.get_int());
    m.assignment.assigned_partitions = r.get_partitions();
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
        out.topic_partition.partition = static_cast<int32_t>(key.get_int());
        if (!out.tombstone) {
            out.offset.committed_offset = value.get_int();
            out.offset.leader_epoch = static_cast<int32_t>(value.get_int());
            out.offset.metadata = value.get_string();
            out.offset.commit_timestamp_ms = value.get_int();
        }
    } else if (version == kGroupMetadataKeyVersion) {
        out.kind = OffsetsTopicRecord::Kind::GroupMetadata;
        if (!out.tombstone) {
            out.group.protocol_type = value.get_string();
            out.group.generation_id = static_cast<int32_t>(value.get_int());
            out.group.protocol_name = value.get_string();
            out.group.leader = value.get_string();
            out.group.current_state_timestamp_ms = value.get_int();
            const int64_t members = value.get_int();
            for (int64_t i = 0; value.ok() && i < members; ++i) {
                out.group.members.push_back(get_member(value));
            }
        }
    } else {
        return std::nullopt;
    }
    if (!key.ok() || (!out.tombstone && !value.ok())) return std::nullopt;
    return out;
}

}  // namespace core::group
