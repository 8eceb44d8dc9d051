#pragma once
// WriteTxnMarkers (API key 27, KIP-98): a transaction coordinator asks partition leaders
// to end a transaction by appending a COMMIT or ABORT control record.
//
// Contract:
// - Sent by the coordinator of the transactional id to the leader of each partition the
//   transaction touched. Each marker names the producer id and epoch (the epoch the
//   coordinator ended the transaction in) and the coordinator epoch (the leader epoch of
//   its __transaction_state partition), so a marker from a deposed coordinator is
//   refused with TRANSACTION_COORDINATOR_FENCED and one for a fenced producer epoch with
//   INVALID_PRODUCER_EPOCH.
// - The leader answers each partition once the marker is replicated to the ISR (acks=all),
//   NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION otherwise; the coordinator retries
//   those partitions until every marker is written.

#include <cstdint>
#include <vector>

#include "core/protocol/control_record.h"
#include "core/protocol/kafka_message.h"

namespace core::protocol {

struct WritableTxnMarker {
    int64_t producer_id = kNoProducerId;
    int16_t producer_epoch = kNoProducerEpoch;
    /// true: COMMIT; false: ABORT.
    bool transaction_result = false;
    std::vector<TopicPartition> partitions;
    int32_t coordinator_epoch = 0;
};

class WriteTxnMarkersRequest : public KafkaRequest<ApiKey::WriteTxnMarkers> {
 public:
    std::vector<WritableTxnMarker> markers;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& m : markers) {
            d.add(m.producer_id).add(m.producer_epoch).add(m.transaction_result);
            for (const auto& tp : m.partitions) d.add(tp);
        }
        return d.value();
    }
};

struct WritableTxnMarkerPartitionResult {
    TopicPartition topic_partition;
    Error error = Error::NONE;
};

struct WritableTxnMarkerResult {
    int64_t producer_id = kNoProducerId;
    std::vector<WritableTxnMarkerPartitionResult> partitions;
};

class WriteTxnMarkersResponse : public KafkaResponse<ApiKey::WriteTxnMarkers> {
 public:
    std::vector<WritableTxnMarkerResult> markers;

    uint64_t digest() const override {
        Digest d;
        d.add(correlation_id);
        for (const auto& m : markers) {
            d.add(m.producer_id);
            for (const auto& p : m.partitions) d.add(p.topic_partition).add(p.error);
        }
        return d.value();
    }
};

}  // namespace core::protocol
