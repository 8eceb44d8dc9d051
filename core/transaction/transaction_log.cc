// __transaction_state: transactional id → partition, and its records in the internal
// record codec (Kafka's TransactionLog uses versioned binary schemas; only this code reads
// these records).

#include "core/transaction/transaction_log.h"

#include <string>

#include "core/common/internal_record_codec.h"
#include "core/group/offsets_topic.h"

namespace core::transaction {

namespace {

// Kafka's TransactionLogKey is version 0; its TransactionLogValue versions 0 and 1.
constexpr int64_t kKeyVersion = 0;
constexpr int64_t kValueVersion = 1;

}  // namespace

const char* to_string(TransactionState state) {
    switch (state) {
        case TransactionState::Empty:
            return "Empty";
        case TransactionState::Ongoing:
            return "Ongoing";
        case TransactionState::PrepareCommit:
            return "PrepareCommit";
        case TransactionState::PrepareAbort:
            return "PrepareAbort";
        case TransactionState::CompleteCommit:
            return "CompleteCommit";
        case TransactionState::CompleteAbort:
            return "CompleteAbort";
    }
    return "Unknown";
}

int32_t partition_for(std::string_view transactional_id, int32_t num_partitions) {
    return group::partition_for(transactional_id, num_partitions);
}

protocol::Record transaction_log_record(const TransactionMetadata& m) {
    protocol::Record record;
    record.has_key = true;
    record.key = InternalRecordWriter().put(kKeyVersion).put(m.transactional_id).take();
    InternalRecordWriter w;
    w.put(kValueVersion).put(m.producer_id).put(m.producer_epoch).put(m.txn_timeout_ms);
    w.put(static_cast<int64_t>(m.state));
    w.put(m.txn_start_timestamp_ms).put(m.txn_last_update_timestamp_ms);
    w.put(static_cast<int64_t>(m.topic_partitions.size()));
    for (const TopicPartition& tp : m.topic_partitions) w.put(tp.topic).put(tp.partition);
    record.value = w.take();
    record.timestamp_ms = m.txn_last_update_timestamp_ms;
    return record;
}

std::optional<TransactionMetadata> parse_transaction_log_record(const protocol::Record& record) {
    if (!record.has_key) return std::nullopt;
    InternalRecordReader key(record.key);
    if (key.get_int() != kKeyVersion) return std::nullopt;
    TransactionMetadata m;
    m.transactional_id = key.get_string();
    InternalRecordReader value(record.value);
    if (value.get_int() != kValueVersion) return std::nullopt;
    m.producer_id = value.get_int();
    m.producer_epoch = value.get_int16();
    m.txn_timeout_ms = value.get_int32();
    const int8_t state = value.get_int8();
    if (state < 0 || state > static_cast<int8_t>(TransactionState::CompleteAbort)) {
        return std::nullopt;
    }
    m.state = static_cast<TransactionState>(state);
    m.txn_start_timestamp_ms = value.get_int();
    m.txn_last_update_timestamp_ms = value.get_int();
    const int64_t partitions = value.get_count();
    for (int64_t i = 0; value.ok() && i < partitions; ++i) {
        TopicPartition tp;
        tp.topic = value.get_string();
        tp.partition = value.get_int32();
        m.topic_partitions.insert(std::move(tp));
    }
    if (!key.ok() || !key.at_end() || !value.ok() || !value.at_end()) return std::nullopt;
    return m;
}

}  // namespace core::transaction
