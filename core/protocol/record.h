#pragma once
// Records and record batches as Kafka's log stores them: a batch carries the base
// offset, the leader epoch that wrote it and the idempotent producer's id/epoch/sequence.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

/// A position in one partition's log; offsets start at 0 per partition.
using Offset = int64_t;
constexpr Offset kNoOffset = -1;
constexpr int64_t kNoProducerId = -1;
constexpr int16_t kNoProducerEpoch = -1;
constexpr int32_t kNoSequence = -1;
constexpr int32_t kNoLeaderEpoch = -1;

/// Identifies one partition: ("trucks_gps", 3) prints as "trucks_gps-3", as Kafka does.
struct TopicPartition {
    std::string topic;
    int32_t partition = 0;

    std::string str() const { return topic + "-" + std::to_string(partition); }
    auto operator<=>(const TopicPartition&) const = default;
};

namespace protocol {

/// A record header (KIP-82): a string key and a nullable byte value.
struct RecordHeader {
    std::string key;
    std::optional<std::string> value;
    auto operator<=>(const RecordHeader&) const = default;
};

struct Record {
    Offset offset = kNoOffset;
    int64_t timestamp_ms = 0;
    bool has_key = false;  ///< a null key is not the empty key: it is spread by the partitioner
    std::string key;
    std::string value;
    /// Carried through produce and fetch untouched; core/ never reads them.
    std::vector<RecordHeader> headers;
};

struct RecordBatch {
    Offset base_offset = kNoOffset;
    int32_t partition_leader_epoch = kNoLeaderEpoch;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    int32_t base_sequence = kNoSequence;
    bool is_transactional = false;
    /// A transaction marker (commit/abort) rather than data.
    bool is_control = false;
    std::vector<Record> records;

    Offset last_offset() const { return base_offset + static_cast<Offset>(records.size()) - 1; }
    Offset next_offset() const { return base_offset + static_cast<Offset>(records.size()); }
    int32_t last_sequence() const {
        return base_sequence == kNoSequence
                   ? kNoSequence
                   : base_sequence + static_cast<int32_t>(records.size()) - 1;
    }
    uint32_t size_bytes() const {
        uint32_t bytes = 61;  // Kafka's v2 batch header
        for (const Record& r : records) bytes += 20 + r.key.size() + r.value.size();
        return bytes;
    }
};

}  // namespace protocol
}  // namespace core
