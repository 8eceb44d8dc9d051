#pragma once
// Control records (KIP-98): the transaction markers a transaction coordinator has written
// into each partition a transaction touched. A marker is a control batch (is_control,
// is_transactional) with one record, carrying the producer id and epoch of the
// transaction it ends; its key names the ControlRecordType and its value the
// coordinator epoch (Kafka's EndTransactionMarker), as text instead of Kafka's bytes.

#include <cstdint>
#include <optional>
#include <string>

#include "core/protocol/record.h"

namespace core::protocol {

/// Kafka's ControlRecordType: ABORT = 0, COMMIT = 1.
enum class ControlRecordType : int16_t { ABORT = 0, COMMIT = 1 };

/// Kafka's EndTransactionMarker.
struct EndTransactionMarker {
    ControlRecordType control_type = ControlRecordType::ABORT;
    int32_t coordinator_epoch = 0;
};

/// The control batch a partition leader appends for a WriteTxnMarkers entry.
inline RecordBatch end_transaction_marker_batch(int64_t producer_id, int16_t producer_epoch,
                                                EndTransactionMarker marker, int64_t now_ms) {
    RecordBatch batch;
    batch.producer_id = producer_id;
    batch.producer_epoch = producer_epoch;
    batch.is_transactional = true;
    batch.is_control = true;
    Record record;
    record.timestamp_ms = now_ms;
    record.has_key = true;
    record.key = marker.control_type == ControlRecordType::COMMIT ? "COMMIT" : "ABORT";
    record.value = std::to_string(marker.coordinator_epoch);
    batch.records.push_back(std::move(record));
    return batch;
}

/// The marker a control batch carries; nullopt for a data batch.
inline std::optional<EndTransactionMarker> end_transaction_marker(const RecordBatch& batch) {
    if (!batch.is_control || batch.records.empty()) return std::nullopt;
    const Record& record = batch.records.front();
    EndTransactionMarker marker;
    marker.control_type =
        record.key == "COMMIT" ? ControlRecordType::COMMIT : ControlRecordType::ABORT;
    marker.coordinator_epoch = record.value.empty() ? 0 : std::stoi(record.value);
    return marker;
}

}  // namespace core::protocol
