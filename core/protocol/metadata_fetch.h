#pragma once
// MetadataFetch: brokers pull the committed metadata log from the active controller, as
// KRaft brokers fetch __cluster_metadata (they never see uncommitted records).
//
// Contract:
// - fetch_offset is the offset of the next record the broker wants (0 at first). The
//   controller answers the committed records from there (at most max_records), the
//   committed end offset (high_watermark: records below it are committed), and holds the
//   request up to max_wait_ms when there is nothing new (long poll).
// - When fetch_offset is below the log start (the log was compacted into a snapshot),
//   the answer is a snapshot: is_snapshot = true, `records` rebuild the whole image, and
//   the broker continues from snapshot_end_offset.
// - A controller that is not active answers NOT_CONTROLLER with leader_id as a hint.

#include <cstdint>
#include <vector>

#include "core/protocol/kafka_message.h"
#include "core/protocol/metadata_records.h"

namespace core::protocol {

struct MetadataLogEntry {
    int64_t offset = -1;
    MetadataRecord record;
};

class MetadataFetchRequest : public KafkaRequest<ApiKey::MetadataFetch> {
 public:
    int32_t broker_id = -1;
    int64_t fetch_offset = 0;
    int32_t max_records = 1000;
    int32_t max_wait_ms = 500;

    uint64_t digest() const override {
        return Digest().add(correlation_id).add(broker_id).add(fetch_offset).value();
    }
};

class MetadataFetchResponse : public KafkaResponse<ApiKey::MetadataFetch> {
 public:
    Error error = Error::NONE;
    int32_t leader_id = -1;
    int64_t high_watermark = 0;
    bool is_snapshot = false;
    /// With is_snapshot: the offset to continue from after applying the snapshot.
    int64_t snapshot_end_offset = -1;
    std::vector<MetadataLogEntry> records;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id).add(error).add(high_watermark).add(is_snapshot);
        for (const auto& e : records) d.add(e.offset).add(record_digest(e.record));
        return d.value();
    }
    uint32_t size_bytes() const override { return 64 + 48 * static_cast<uint32_t>(records.size()); }
};

}  // namespace core::protocol
