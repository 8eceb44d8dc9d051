#pragma once
// What a producer hands the application and what it batches: ProducerRecord,
// RecordMetadata, the send callback, and ProducerBatch (one partition's records sent as
// one Kafka record batch, with its idempotent sequence once drained).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/errors.h"
#include "core/protocol/record.h"
#include "sim/time.h"

namespace core::client {

/// Kafka's ProducerRecord: a null key (has_key false) is spread by the partitioner.
struct ProducerRecord {
    std::string topic;
    std::optional<int32_t> partition;
    bool has_key = false;
    std::string key;
    std::string value;
};

/// Kafka's RecordMetadata: where a record landed; offset -1 with acks=0.
struct RecordMetadata {
    std::string topic;
    int32_t partition = -1;
    Offset offset = kNoOffset;
};

/// Called once per record: error NONE with its metadata, or Kafka's error with a message
/// (REQUEST_TIMED_OUT for a delivery timeout: the record may or may not have been written).
using SendCallback =
    std::function<void(const RecordMetadata& metadata, protocol::Error error,
                       const std::string& message)>;

struct ProducerBatch {
    TopicPartition topic_partition;
    std::vector<protocol::Record> records;
    std::vector<SendCallback> callbacks;
    uint32_t size_bytes = 61;  // Kafka's v2 batch header
    sim::Time created = 0;
    /// When it was last sent (or re-enqueued for retry); -1 before the first send.
    sim::Time last_attempt = -1;
    int attempts = 0;
    /// Closed batches take no more records: drained once, they are immutable (a retry
    /// must resend exactly the same records with the same sequence).
    bool closed = false;
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    int32_t base_sequence = kNoSequence;

    bool has_sequence() const { return base_sequence != kNoSequence; }
    int32_t record_count() const { return static_cast<int32_t>(records.size()); }
    int32_t last_sequence() const { return base_sequence + record_count() - 1; }
    /// Time waited since creation or the last attempt (Kafka's waitedTimeMs).
    sim::Duration waited(sim::Time now) const {
        return now - (last_attempt >= 0 ? last_attempt : created);
    }
};

}  // namespace core::client
